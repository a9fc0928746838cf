namespace Governance.Rules.Tests.Expressions;

/// <summary>The specialized nodes for common shapes keep the semantics of the general ones.</summary>
public sealed class FastPathTests
{
    private static readonly RuleEvent NoLocale = Events.FromJson("""{ "type": "video.published", "amount": 5, "note": "x" }""");

    [Theory]
    [InlineData("event.locale == 'es-MX'", false)]
    [InlineData("'es-MX' == event.locale", false)]
    [InlineData("event.locale != 'es-MX'", true)]
    [InlineData("event.locale in ['es-MX', 'en-US']", false)]
    [InlineData("event.locale == null", true)]
    [InlineData("event.type == 'video.published'", true)]
    [InlineData("'video.published' != event.type", false)]
    [InlineData("event.type in ['a', 'video.published']", true)]
    [InlineData("event.type in ['a', 1]", false)]
    public void CoreStringFieldComparisonsHandleNull(string source, bool expected) =>
        Assert.Equal(expected, Expr.IsTrue(source, NoLocale));

    [Theory]
    [InlineData("event.amount < 10", true)]
    [InlineData("10 > event.amount", true)]
    [InlineData("5 <= event.amount", true)]
    [InlineData("5 < event.amount", false)]
    [InlineData("event.amount >= 5", true)]
    [InlineData("event.missing >= 5", false)]
    [InlineData("5 >= event.missing", false)]
    public void ComparisonsWithANumberLiteralWorkOnEitherSide(string source, bool expected) =>
        Assert.Equal(expected, Expr.IsTrue(source, NoLocale));

    [Fact]
    public void AComparisonWithANumberLiteralStillRejectsAString()
    {
        var error = Expr.RuntimeError("3 > event.note", NoLocale);
        Assert.Equal("cannot compare number with string using '>'", error.Message);
    }
}
