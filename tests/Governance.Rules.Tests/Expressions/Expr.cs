using Governance.Rules.Expressions;

namespace Governance.Rules.Tests.Expressions;

/// <summary>
/// Compiles with both back ends and checks they agree on every evaluation, so each test covers both.
/// </summary>
internal static class Expr
{
    public static FakeTermLists Terms { get; } = new(new Dictionary<string, string[]>
    {
        ["health-claims"] = ["cura milagrosa", "miracle cure"],
        ["counterfeit"] = ["réplica", "replica"],
        ["food"] = ["comida", "snack"],
    });

    public static ExpressionEnvironment Environment(ExpressionBackend backend = ExpressionBackend.ClosureTree) =>
        new(Terms, Terms.Names) { Backend = backend };

    public static CompiledExpression Compile(string source, ExpressionBackend backend = ExpressionBackend.ClosureTree) =>
        ExpressionCompiler.Compile(source, Environment(backend));

    public static ExpressionException CompileError(string source) =>
        Assert.Throws<ExpressionException>(() => Compile(source));

    public static Value Eval(string source, RuleEvent? e = null)
    {
        e ??= Events.Order;
        var tree = Compile(source);
        var lambda = Compile(source, ExpressionBackend.CompiledLambda);
        var value = tree.Evaluate(e);
        Assert.Equal(value, lambda.Evaluate(e));
        if (value.Kind is ValueKind.Bool or ValueKind.Null)
        {
            Assert.Equal(tree.IsTrue(e), lambda.IsTrue(e));
        }

        return value;
    }

    public static bool IsTrue(string source, RuleEvent? e = null) => Eval(source, e) is { Kind: ValueKind.Bool } v && v.AsBool();

    public static double Number(string source, RuleEvent? e = null) => Eval(source, e).AsNumber();

    public static string Text(string source, RuleEvent? e = null) => Eval(source, e).AsString();

    public static ExpressionRuntimeException RuntimeError(string source, RuleEvent? e = null)
    {
        e ??= Events.Order;
        var error = Assert.Throws<ExpressionRuntimeException>(() => Compile(source).Evaluate(e));
        var lambdaError = Assert.Throws<ExpressionRuntimeException>(() => Compile(source, ExpressionBackend.CompiledLambda).Evaluate(e));
        Assert.Equal(error.Message, lambdaError.Message);
        return error;
    }
}
