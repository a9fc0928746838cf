namespace Governance.Rules.Tests.Expressions;

public sealed class FunctionTests
{
    [Theory]
    [InlineData("startsWith(event.type, 'order.')", true)]
    [InlineData("startsWith(event.type, 'Order.')", false)]
    [InlineData("endsWith(event.type, '.refunded')", true)]
    [InlineData("contains(event.text, 'cura')", true)]
    [InlineData("contains(event.text, 'xyz')", false)]
    [InlineData("contains(event.productIds, 'p-2')", true)]
    [InlineData("contains(event.productIds, 'p-9')", false)]
    [InlineData("contains(event.productIds, 5)", false)]
    [InlineData("contains([1, 5], 5)", true)]
    [InlineData("has(event.amount)", true)]
    [InlineData("has(event.missing)", false)]
    [InlineData("has(event.deviceId)", false)]
    [InlineData("has(event.campaign.budget.daily)", true)]
    [InlineData("has(event.campaign.nope)", false)]
    [InlineData("has(event.locale)", true)]
    [InlineData("matches(event.text, 'health-claims')", true)]
    [InlineData("matches(event.text, 'health-claims') && !matches(event.text, 'food')", true)]
    [InlineData("matches(event.text, 'counterfeit')", false)]
    public void Predicates(string source, bool expected) => Assert.Equal(expected, Expr.IsTrue(source));

    [Theory]
    [InlineData("lower('ÁbC')", "ábc")]
    [InlineData("upper(event.currency + 'x')", "MXNX")]
    [InlineData("string(150)", "150")]
    [InlineData("string(0.1 + 0.2)", "0.30000000000000004")]
    [InlineData("string(true)", "true")]
    [InlineData("string(event.note)", "abc")]
    [InlineData("string(event.occurredAt)", "2025-03-04T11:45:00.0000000+00:00")]
    [InlineData("string(event.productIds)", "[\"p-1\", \"p-2\", \"p-3\"]")]
    [InlineData("coalesce(event.deviceId, event.paymentFingerprint)", "fp-9")]
    [InlineData("coalesce(event.missing, null, 'x', 'y')", "x")]
    public void TextFunctions(string source, string expected) => Assert.Equal(expected, Expr.Text(source));

    [Theory]
    [InlineData("len('héllo')", 5)]
    [InlineData("len(event.productIds)", 3)]
    [InlineData("len(['a'])", 1)]
    [InlineData("len(event.campaign)", 2)]
    [InlineData("abs(-4.5)", 4.5)]
    [InlineData("min(3, 1, 2)", 1)]
    [InlineData("max(event.price, event.listPrice, 7)", 100)]
    [InlineData("round(2.5)", 3)]
    [InlineData("round(-2.5)", -3)]
    [InlineData("round(3.14159, 2)", 3.14)]
    [InlineData("number('12.5')", 12.5)]
    [InlineData("number('1e3')", 1000)]
    [InlineData("number(true)", 1)]
    [InlineData("number(event.amount)", 150)]
    [InlineData("hour(event.occurredAt)", 11)]
    [InlineData("hour(event.createdAt)", 23)]
    [InlineData("dayOfWeek(event.occurredAt)", 2)]
    [InlineData("dayOfWeek('2025-03-09T10:00:00Z')", 0)]
    [InlineData("number(event.occurredAt)", 1741088700)]
    public void NumericFunctions(string source, double expected) => Assert.Equal(expected, Expr.Number(source), 10);

    [Fact]
    public void NumberOfTextThatIsNotANumberIsNull()
    {
        Assert.True(Expr.Eval("number('12 apples')").IsNull);
        Assert.True(Expr.Eval("hour('not a time')").IsNull);
    }

    [Fact]
    public void CoalesceEvaluatesNoFurtherThanTheFirstValue() =>
        Assert.Equal(1, Expr.Number("coalesce(1, event.note - 1)"));
}
