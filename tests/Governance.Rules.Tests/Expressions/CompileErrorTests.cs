using Governance.Rules.Expressions;

namespace Governance.Rules.Tests.Expressions;

public sealed class CompileErrorTests
{
    [Fact]
    public void AMisspelledFunctionIsNamedWithASuggestion()
    {
        var error = Expr.CompileError("lenght(event.productIds) > 2");
        Assert.Equal("unknown function 'lenght' (did you mean 'len'?)", error.Detail);
        Assert.Equal(0, error.Position);
        Assert.Equal("unknown function 'lenght' (did you mean 'len'?) at column 1", error.Message);
    }

    [Theory]
    [InlineData("length(event.text)", "len")]
    [InlineData("size(event.productIds)", "len")]
    [InlineData("startswith(event.type, 'a')", "startsWith")]
    [InlineData("toLowerCase(event.text)", "lower")]
    [InlineData("coalesse(event.a, 1)", "coalesce")]
    public void FunctionNamesFromOtherLanguagesSuggestOurs(string source, string suggestion) =>
        Assert.EndsWith($"(did you mean '{suggestion}'?)", Expr.CompileError(source).Detail, StringComparison.Ordinal);

    [Fact]
    public void AFarOffNameSuggestsNothing() =>
        Assert.Equal("unknown function 'frobnicate'", Expr.CompileError("frobnicate(1)").Detail);

    [Fact]
    public void AnUnknownTermListListsTheKnownOnes()
    {
        var error = Expr.CompileError("matches(event.text, 'helth-claims')");
        Assert.Equal("'matches' needs a term list name that exists: 'helth-claims' is not one of: counterfeit, food, health-claims", error.Detail);
        Assert.Equal(20, error.Position);
    }

    [Fact]
    public void AMissingParenthesisNamesItsColumn()
    {
        var error = Expr.CompileError("(event.amount > 1");
        Assert.Equal("expected ')' but found end of expression at column 18", error.Message);
        Assert.Equal(17, error.Position);
        Assert.Equal(1, error.Line);
        Assert.Equal(18, error.Column);
    }

    [Fact]
    public void LineAndColumnCountFromTheStartOfTheExpression()
    {
        var error = Expr.CompileError("event.type == 'a'\n  && event.amount >> 2");
        Assert.Equal(2, error.Line);
        Assert.Equal(20, error.Column);
        Assert.Equal(37, error.Position);
        Assert.EndsWith("at line 2, column 20", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("event.type = 'x'", 11, "'=' is not an operator; use '==' to compare")]
    [InlineData("event.a & event.b", 8, "'&' is not an operator; use '&&'")]
    [InlineData("event.a | event.b", 8, "'|' is not an operator; use '||'")]
    [InlineData("'open", 0, "string is not closed: add a ' before the end")]
    [InlineData("'bad \\q escape'", 5, "unknown escape: use \\\\, \\\", \\', \\n, \\t, \\r or \\uXXXX")]
    [InlineData("'\\u12'", 1, "\\u needs four hex digits, e.g. \\u00e9")]
    [InlineData("1e", 2, "a number's exponent needs digits, e.g. 1e6")]
    [InlineData("12abc", 2, "unexpected 'a' after a number")]
    [InlineData("event.amount # 2", 13, "unexpected character '#'")]
    [InlineData("", 0, "expected a value but the expression ends here")]
    [InlineData("event.amount >", 14, "expected a value but the expression ends here")]
    [InlineData("event.amount 5", 13, "unexpected number 5: expected an operator or the end of the expression")]
    [InlineData("event", 0, "'event' alone is not a value: name a field, e.g. event.type")]
    [InlineData("evnt.type", 0, "unknown name 'evnt': fields are read as event.evnt, functions are called as name(...) (did you mean 'event'?)")]
    [InlineData("event.", 6, "expected a field name after '.' but found end of expression")]
    [InlineData("event.Type == 'x'", 6, "unknown field 'Type' (did you mean 'type'?)")]
    [InlineData("event.text.lower()", 16, "only built-in functions can be called, e.g. lower(event.text)")]
    [InlineData("len(event.a, 2)", 0, "'len' takes 1 argument, got 2")]
    [InlineData("round()", 0, "'round' takes 1 or 2 arguments, got 0")]
    [InlineData("min(1)", 0, "'min' takes 2 to 16 arguments, got 1")]
    [InlineData("startsWith(event.a)", 0, "'startsWith' takes 2 arguments, got 1")]
    [InlineData("lower(5)", 6, "'lower' needs a string, got a number")]
    [InlineData("hour(true)", 5, "'hour' needs a timestamp or a string, got true/false")]
    [InlineData("has(event.a + 1)", 12, "'has' needs a field, e.g. has(event.listPrice)")]
    [InlineData("matches(event.text, event.list)", 20, "'matches' needs the name of a term list in quotes, e.g. matches(event.text, \"health-claims\")")]
    [InlineData("[1, 2", 5, "expected ',' or ']' but found end of expression")]
    [InlineData("true ? 1", 8, "expected ':' of the conditional 'c ? a : b' but found end of expression")]
    [InlineData("event[event.name]", 6, "event[...] needs a field name in quotes, e.g. event[\"order-id\"]")]
    public void SyntaxAndNameErrorsPointAtTheProblem(string source, int position, string detail)
    {
        var error = Expr.CompileError(source);
        Assert.Equal(detail, error.Detail);
        Assert.Equal(position, error.Position);
    }

    [Theory]
    [InlineData("'abc' == 3", 6, "cannot compare a string with a number: '==' would always be false")]
    [InlineData("1 != 'x'", 2, "cannot compare a number with a string: '!=' would always be true")]
    [InlineData("'abc' < 3", 6, "cannot compare a string with a number using '<'")]
    [InlineData("event.amount < null", 13, "'<' with null is always false: use '== null' or '!= null'")]
    [InlineData("true > false", 0, "'>' needs a number or a string or a timestamp, got true/false")]
    [InlineData("event.type + 1", 11, "cannot add a string and a number: use string(x) to join text")]
    [InlineData("event.type * 2", 0, "'*' needs a number, got a string")]
    [InlineData("event.amount + null", 13, "'+' with null is always null")]
    [InlineData("1 && true", 0, "'&&' needs true/false, got a number")]
    [InlineData("event.a || 'x'", 11, "'||' needs true/false, got a string")]
    [InlineData("!event.type", 1, "'!' needs true/false, got a string")]
    [InlineData("-'x'", 1, "'-' needs a number, got a string")]
    [InlineData("'a' in 'abc'", 7, "'in' needs a list, got a string")]
    [InlineData("event.type.x", 11, "a string has no fields, so '.x' is always null")]
    [InlineData("1 ? 2 : 3", 0, "the condition of '?' needs true/false, got a number")]
    public void TypeErrorsVisibleBeforeEvaluationAreCompileErrors(string source, int position, string detail)
    {
        var error = Expr.CompileError(source);
        Assert.Equal(detail, error.Detail);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void AConditionMustBeBooleanOrUnknown()
    {
        var environment = Expr.Environment();
        Assert.Equal(ExpressionType.Bool, ExpressionCompiler.Compile("event.amount > 1", environment, ExpressionType.Bool).Type);
        Assert.Equal(ExpressionType.Unknown, ExpressionCompiler.Compile("event.flag", environment, ExpressionType.Bool).Type);
        var error = Assert.Throws<ExpressionException>(() => ExpressionCompiler.Compile("event.amount * 2", environment, ExpressionType.Bool));
        Assert.Equal("expected bool here, but the expression gives number", error.Detail);
    }

    [Fact]
    public void MatchesWithoutTermListsIsAnError()
    {
        var error = Assert.Throws<ExpressionException>(() => ExpressionCompiler.Compile("matches(event.text, 'food')", new ExpressionEnvironment()));
        Assert.Equal("'matches' needs a term list name that exists: no term list has that name", error.Detail);
    }
}
