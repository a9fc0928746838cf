using Governance.Rules.Expressions;

namespace Governance.Rules.Tests.Expressions;

public sealed class RuntimeErrorTests
{
    [Theory]
    [InlineData("event.note < 3", 11, "cannot compare string with number using '<'")]
    [InlineData("event.note - 1", 11, "cannot apply '-' to string and number")]
    [InlineData("event.note + event.amount", 11, "cannot apply '+' to string and number")]
    [InlineData("event.amount && true", 0, "expected true or false, got number")]
    [InlineData("!event.note", 1, "expected true or false, got string")]
    [InlineData("-event.note", 0, "cannot negate string")]
    [InlineData("'x' in event.note", 4, "'in' needs a list on its right, got string")]
    [InlineData("lower(event.amount)", 0, "'lower' needs a string, got number")]
    [InlineData("len(event.amount)", 0, "'len' needs a string, list or object, got number")]
    [InlineData("abs(event.note)", 0, "'abs' needs a number, got string")]
    [InlineData("hour(event.amount)", 0, "'hour' needs a timestamp, got number")]
    [InlineData("number(event.campaign)", 0, "'number' needs a number, string, boolean or timestamp, got object")]
    [InlineData("round(1.5, 20)", 0, "'round' needs 0 to 15 digits, got 20")]
    [InlineData("matches(event.amount, 'food')", 0, "'matches' needs a string, got number")]
    [InlineData("event.productIds['x']", 16, "cannot index list with string")]
    [InlineData("event.amount > event.occurredAt", 13, "cannot compare number with timestamp using '>'")]
    public void ARealTypeMismatchThrowsARuntimeError(string source, int position, string message)
    {
        var error = Expr.RuntimeError(source);
        Assert.Equal(message, error.Message);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void IsTrueOfANonBooleanIsARuntimeError() =>
        Assert.Throws<ExpressionRuntimeException>(() => Expr.Compile("event.amount").IsTrue(Events.Order));

    [Fact]
    public void TheSameRuleIsFineOnEventsWhoseAttributesHaveTheExpectedType()
    {
        var compiled = Expr.Compile("event.note < 3");
        Assert.True(compiled.IsTrue(Events.FromJson("""{ "note": 2 }""")));
        Assert.False(compiled.IsTrue(Events.FromJson("""{ }""")));
    }
}
