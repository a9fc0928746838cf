using Governance.Rules.Expressions;

namespace Governance.Rules.Tests.Expressions;

/// <summary>
/// Compiles and evaluates expressions against the shared term lists and sample events. Conditions run
/// through <see cref="CompiledExpression.IsTrue"/> in production, which boolean nodes compute without a
/// <see cref="Value"/>: every evaluation checks that it agrees with the value, so each test covers both paths.
/// </summary>
internal static class Expr
{
    public static FakeTermLists Terms { get; } = new(new Dictionary<string, string[]>
    {
        ["health-claims"] = ["cura milagrosa", "miracle cure"],
        ["counterfeit"] = ["réplica", "replica"],
        ["food"] = ["comida", "snack"],
    });

    public static ExpressionEnvironment Environment() => new(Terms, Terms.Names);

    public static CompiledExpression Compile(string source) => ExpressionCompiler.Compile(source, Environment());

    public static ExpressionException CompileError(string source) =>
        Assert.Throws<ExpressionException>(() => Compile(source));

    public static Value Eval(string source, RuleEvent? e = null)
    {
        e ??= Events.Order;
        var compiled = Compile(source);
        var value = compiled.Evaluate(e);
        if (value.Kind is ValueKind.Bool or ValueKind.Null)
        {
            Assert.Equal(value.Kind == ValueKind.Bool && value.AsBool(), compiled.IsTrue(e));
        }

        return value;
    }

    public static bool IsTrue(string source, RuleEvent? e = null) => Eval(source, e) is { Kind: ValueKind.Bool } v && v.AsBool();

    public static double Number(string source, RuleEvent? e = null) => Eval(source, e).AsNumber();

    public static string Text(string source, RuleEvent? e = null) => Eval(source, e).AsString();

    public static ExpressionRuntimeException RuntimeError(string source, RuleEvent? e = null) =>
        Assert.Throws<ExpressionRuntimeException>(() => Compile(source).Evaluate(e ?? Events.Order));
}
