using Governance.Rules.Expressions;

namespace Governance.Rules.Tests.Expressions;

public sealed class ConvenienceTests
{
    [Fact]
    public void AsKeyGivesStringsAsTheyAreAndNumbersInInvariantForm()
    {
        Assert.Equal("fp-9", Expr.Compile("event.paymentFingerprint").AsKey(Events.Order));
        Assert.Equal("fp-9", Expr.Compile("coalesce(event.deviceId, event.paymentFingerprint)").AsKey(Events.Order));
        Assert.Equal("150", Expr.Compile("event.amount").AsKey(Events.Order));
        Assert.Equal("0.5", Expr.Compile("event.amount / 300").AsKey(Events.Order));
        Assert.Null(Expr.Compile("event.deviceId").AsKey(Events.Order));
        Assert.Equal("true", Expr.Compile("event.amount > 1").AsKey(Events.Order));
    }

    [Fact]
    public void AsNumberGivesNumbersAndNullForMissing()
    {
        Assert.Equal(150, Expr.Compile("event.amount").AsNumber(Events.Order));
        Assert.Null(Expr.Compile("event.missing").AsNumber(Events.Order));
        Assert.Throws<ExpressionRuntimeException>(() => Expr.Compile("event.note").AsNumber(Events.Order));
    }

    [Fact]
    public void IsTrueIsTrueOnlyForTrue()
    {
        Assert.True(Expr.Compile("event.type == \"order.refunded\"").IsTrue(Events.Order));
        Assert.False(Expr.Compile("event.missing").IsTrue(Events.Order));
        Assert.False(Expr.Compile("null").IsTrue(Events.Order));
    }

    [Fact]
    public void ValuesAreEqualByContent()
    {
        Assert.Equal(Value.FromString("a"), Value.FromString("a"));
        Assert.NotEqual(Value.FromNumber(1), Value.FromString("1"));
        Assert.Equal(Value.Null, default);
        Assert.True(Value.FromNumber(double.NaN).IsNull);
        Assert.Equal(Value.FromList([Value.True]), Value.FromList([Value.True]));
        Assert.Throws<InvalidOperationException>(() => Value.FromString("a").AsNumber());
    }

    [Fact]
    public void EqualValuesHashAlike()
    {
        var jsonList = Expr.Eval("event.productIds");
        var literalList = Expr.Eval("['p-1', 'p-2', 'p-3']");
        Assert.Equal(jsonList, literalList);
        Assert.Equal(jsonList.GetHashCode(), literalList.GetHashCode());
        Assert.Equal(Value.FromNumber(0).GetHashCode(), Value.FromNumber(-0.0).GetHashCode());
        Assert.Equal(Expr.Eval("event.currency").GetHashCode(), Value.FromString("MXN").GetHashCode());
    }

    [Fact]
    public void KeysOfListLiteralsAreJson() =>
        Assert.Equal("[\"a\\\"b\",1,null,true,\"2025-03-04T11:45:00.0000000+00:00\"]", Expr.Eval("['a\\\"b', 1, null, true, event.occurredAt]").ToKey());
}
