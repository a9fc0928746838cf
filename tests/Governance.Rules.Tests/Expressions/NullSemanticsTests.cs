namespace Governance.Rules.Tests.Expressions;

public sealed class NullSemanticsTests
{
    [Theory]
    [InlineData("event.missing + 1")]
    [InlineData("event.missing * event.amount")]
    [InlineData("-event.missing")]
    [InlineData("event.missing.deeper.still")]
    [InlineData("event.deviceId")]
    [InlineData("event.productIds[7]")]
    [InlineData("event.productIds[-1]")]
    [InlineData("event.campaign['nope']")]
    [InlineData("lower(event.missing)")]
    [InlineData("len(event.missing)")]
    [InlineData("abs(event.missing)")]
    [InlineData("min(1, event.missing)")]
    [InlineData("round(event.missing, 2)")]
    [InlineData("number(event.missing)")]
    [InlineData("string(event.missing)")]
    [InlineData("hour(event.missing)")]
    [InlineData("coalesce(event.missing, event.deviceId)")]
    [InlineData("event.amount.x")]
    public void OperationsOnNullGiveNull(string source) => Assert.True(Expr.Eval(source).IsNull);

    [Theory]
    [InlineData("event.missing > 1", false)]
    [InlineData("event.missing <= 1", false)]
    [InlineData("event.missing == 1", false)]
    [InlineData("event.missing != 1", true)]
    [InlineData("event.missing == null", true)]
    [InlineData("event.amount != null", true)]
    [InlineData("event.deviceId == null", true)]
    [InlineData("null == null", true)]
    [InlineData("event.missing", false)]
    [InlineData("!event.missing", true)]
    [InlineData("event.missing && true", false)]
    [InlineData("event.missing || true", true)]
    [InlineData("event.missing ? false : true", true)]
    [InlineData("event.missing in ['a']", false)]
    [InlineData("'a' in event.missing", false)]
    [InlineData("null in [null]", true)]
    [InlineData("startsWith(event.missing, 'a')", false)]
    [InlineData("contains(event.missing, 'a')", false)]
    [InlineData("matches(event.missing, 'food')", false)]
    [InlineData("has(event.missing)", false)]
    public void ConditionsTreatNullAsFalse(string source, bool expected) => Assert.Equal(expected, Expr.IsTrue(source));

    [Fact]
    public void ALocaleThatIsAbsentIsNull()
    {
        var e = Events.FromJson("""{ "type": "video.published" }""");
        Assert.True(Expr.Eval("event.locale", e).IsNull);
        Assert.False(Expr.IsTrue("startsWith(lower(event.locale), 'es')", e));
    }
}
