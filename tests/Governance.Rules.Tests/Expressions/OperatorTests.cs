namespace Governance.Rules.Tests.Expressions;

public sealed class OperatorTests
{
    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("10 - 4 - 3", 3)]
    [InlineData("100 / 10 / 2", 5)]
    [InlineData("7 % 4", 3)]
    [InlineData("-2 * 3", -6)]
    [InlineData("- -2", 2)]
    [InlineData("2 * -event.quantity", -6)]
    [InlineData("event.price + event.listPrice * 0.5", 90)]
    public void ArithmeticFollowsTheUsualPrecedence(string source, double expected) =>
        Assert.Equal(expected, Expr.Number(source));

    [Theory]
    [InlineData("true || false && false", true)]
    [InlineData("(true || false) && false", false)]
    [InlineData("!true || true", true)]
    [InlineData("!(true || true)", false)]
    [InlineData("1 + 1 == 2 && 3 > 2", true)]
    [InlineData("1 < 2 == true", true)]
    [InlineData("'b' in ['a', 'b'] && 2 in [1, 2]", true)]
    [InlineData("true ? false : true", false)]
    [InlineData("false ? 1 : true ? 2 : 3", 2.0)]
    public void LogicalAndComparisonPrecedence(string source, object expected)
    {
        var value = Expr.Eval(source);
        if (expected is bool b)
        {
            Assert.Equal(b, value.AsBool());
        }
        else
        {
            Assert.Equal((double)expected, value.AsNumber());
        }
    }

    [Theory]
    [InlineData("event.type == \"order.refunded\"", true)]
    [InlineData("event.type != \"order.refunded\"", false)]
    [InlineData("event.type in [\"order.placed\", \"order.refunded\"] && event.amount >= 100", true)]
    [InlineData("event.type in [\"order.placed\"]", false)]
    [InlineData("event.listPrice > event.price * 2", true)]
    [InlineData("has(event.listPrice) && event.price < event.listPrice * 0.5", true)]
    [InlineData("startsWith(lower(event.locale), 'es')", true)]
    [InlineData("event.currency == 'MXN'", true)]
    [InlineData("'MXN' == event.currency", true)]
    [InlineData("event.currency != 'USD'", true)]
    [InlineData("event.currency in ['USD', 'MXN']", true)]
    [InlineData("'abc' < 'abd'", true)]
    [InlineData("event.occurredAt < event.occurredAt", false)]
    [InlineData("event.occurredAt <= event.occurredAt", true)]
    public void RuleConditionsFromThePack(string source, bool expected) => Assert.Equal(expected, Expr.IsTrue(source));

    [Fact]
    public void PlusJoinsStrings() => Assert.Equal("fp-9:c-1", Expr.Text("event.paymentFingerprint + ':' + event.creatorId"));

    [Fact]
    public void DivisionAndModuloByZeroAreNull()
    {
        Assert.True(Expr.Eval("event.amount / 0").IsNull);
        Assert.True(Expr.Eval("event.amount % 0").IsNull);
        Assert.False(Expr.IsTrue("event.amount / 0 > 1"));
    }

    [Fact]
    public void AndOrShortCircuitSoTheRightSideIsNotEvaluated()
    {
        // The right side would be a runtime type error.
        Assert.False(Expr.IsTrue("false && event.note < 3"));
        Assert.True(Expr.IsTrue("true || event.note < 3"));
        Assert.Equal(1, Expr.Number("true ? 1 : event.note - 1"));
    }

    [Fact]
    public void EqualityOfDifferentKindsIsFalseAtRunTime()
    {
        Assert.False(Expr.IsTrue("event.amount == '150'"));
        Assert.True(Expr.IsTrue("event.amount != '150'"));
        Assert.True(Expr.IsTrue("event.amount == 150"));
    }

    [Fact]
    public void ListsAndObjectsCompareByContent()
    {
        Assert.True(Expr.IsTrue("event.productIds == ['p-1', 'p-2', 'p-3']"));
        Assert.False(Expr.IsTrue("event.productIds == ['p-1']"));
        Assert.True(Expr.IsTrue("event.campaign == event.campaign"));
        Assert.True(Expr.IsTrue("event.campaign.budget != event.campaign"));
    }
}
