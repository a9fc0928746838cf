using System.Collections.Frozen;

namespace Governance.Rules.Expressions;

/// <summary>
/// Compiles rule expressions: parses, checks names and types, and builds the evaluator. Throws
/// <see cref="ExpressionException"/> with the position of the first problem.
/// </summary>
public static class ExpressionCompiler
{
    /// <summary>Compiles <paramref name="source"/>; any result type is accepted.</summary>
    public static CompiledExpression Compile(string source, ExpressionEnvironment environment) =>
        Compile(source, environment, ExpressionType.Unknown);

    /// <summary>
    /// Compiles <paramref name="source"/> and requires its static type to be <paramref name="expected"/> or
    /// <see cref="ExpressionType.Unknown"/> (e.g. <see cref="ExpressionType.Bool"/> for <c>when:</c>,
    /// <see cref="ExpressionType.Number"/> for a sum). <see cref="ExpressionType.Unknown"/> accepts anything.
    /// </summary>
    public static CompiledExpression Compile(string source, ExpressionEnvironment environment, ExpressionType expected)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(environment);
        if (source.Length > environment.MaxLength)
        {
            throw new ExpressionException($"expression is longer than {environment.MaxLength} characters ({source.Length})", source, environment.MaxLength);
        }

        var binder = new Binder(source, environment);
        var root = new Parser(source, new Lexer(source).Tokenize(), binder, environment.MaxDepth).ParseAll();
        if (expected != ExpressionType.Unknown && root.Type != ExpressionType.Unknown && root.Type != expected)
        {
            throw new ExpressionException(
                $"expected {expected.ToString().ToLowerInvariant()} here, but the expression gives {root.Type.ToString().ToLowerInvariant()}", source, 0);
        }

        return new CompiledExpression(source, root.Type, binder.Attributes.ToFrozenSet(StringComparer.Ordinal), root.Evaluate, root.IsTrue);
    }
}
