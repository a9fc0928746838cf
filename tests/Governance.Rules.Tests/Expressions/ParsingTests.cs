using Governance.Rules.Expressions;

namespace Governance.Rules.Tests.Expressions;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("42", 42)]
    [InlineData("4.25", 4.25)]
    [InlineData("1e3", 1000)]
    [InlineData("2.5E-1", 0.25)]
    [InlineData("-7", -7)]
    [InlineData("  ( 3 )  ", 3)]
    public void NumbersParseAsIntegersDecimalsAndExponents(string source, double expected) =>
        Assert.Equal(expected, Expr.Number(source));

    [Theory]
    [InlineData("\"double\"", "double")]
    [InlineData("'single'", "single")]
    [InlineData(@"'it\'s'", "it's")]
    [InlineData(@"""say \""hi\""""", "say \"hi\"")]
    [InlineData(@"'a\\b'", @"a\b")]
    [InlineData(@"'tab\there'", "tab\there")]
    [InlineData(@"'line\nbreak'", "line\nbreak")]
    [InlineData(@"'caf\u00e9'", "café")]
    [InlineData("'mixed \"quotes\"'", "mixed \"quotes\"")]
    public void StringLiteralsTakeEitherQuoteAndEscapes(string source, string expected) =>
        Assert.Equal(expected, Expr.Text(source));

    [Fact]
    public void TrueFalseAndNullAreKeywords()
    {
        Assert.True(Expr.Eval("true").AsBool());
        Assert.False(Expr.Eval("false").AsBool());
        Assert.True(Expr.Eval("null").IsNull);
    }

    [Fact]
    public void ListLiteralsHoldValuesOfAnyKind()
    {
        var list = Expr.Eval("[1, 'two', null, [3]]");
        Assert.Equal(ValueKind.List, list.Kind);
        Assert.Equal(4, list.Count);
        Assert.Equal("two", list.ItemAt(1).AsString());
        Assert.Equal(0, Expr.Eval("[]").Count);
    }

    [Fact]
    public void ListsWithComputedItemsAreBuiltPerEvent() =>
        Assert.Equal("[\"order.refunded\",150]", Expr.Eval("[event.type, event.amount]").ToKey());

    [Fact]
    public void WhitespaceAndNewlinesAreIgnored() =>
        Assert.True(Expr.IsTrue("event.type == 'order.refunded'\n  &&\tevent.amount >= 100"));

    [Fact]
    public void StaticTypesAreInferredWhereTheyAreKnown()
    {
        Assert.Equal(ExpressionType.Bool, Expr.Compile("event.amount > 3").Type);
        Assert.Equal(ExpressionType.String, Expr.Compile("lower(event.text)").Type);
        Assert.Equal(ExpressionType.Number, Expr.Compile("event.price * 2").Type);
        Assert.Equal(ExpressionType.Unknown, Expr.Compile("event.amount").Type);
        Assert.Equal(ExpressionType.Timestamp, Expr.Compile("event.occurredAt").Type);
        Assert.Equal(ExpressionType.String, Expr.Compile("event.type").Type);
    }

    [Fact]
    public void CompiledExpressionsListTheAttributesTheyRead()
    {
        var compiled = Expr.Compile("event.type == 'x' && event.amount > 1 && event.campaign.id == 'c' && has(event['order-id'])");
        Assert.Equal(["amount", "campaign", "order-id"], compiled.Attributes.Order(StringComparer.Ordinal));
    }
}
