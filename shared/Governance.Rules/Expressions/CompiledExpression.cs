namespace Governance.Rules.Expressions;

/// <summary>
/// A checked, compiled expression. Thread-safe and allocation-free to evaluate for the usual conditions;
/// build it once per rule with <see cref="ExpressionCompiler.Compile(string, ExpressionEnvironment)"/>.
/// Every method may throw <see cref="ExpressionRuntimeException"/> on a real type mismatch, never on null.
/// </summary>
public sealed class CompiledExpression
{
    private readonly Func<RuleEvent, Value> _evaluate;
    private readonly Func<RuleEvent, bool> _isTrue;

    internal CompiledExpression(
        string source, ExpressionType type, IReadOnlySet<string> attributes, Func<RuleEvent, Value> evaluate, Func<RuleEvent, bool> isTrue)
    {
        Source = source;
        Type = type;
        Attributes = attributes;
        _evaluate = evaluate;
        _isTrue = isTrue;
    }

    /// <summary>The expression text.</summary>
    public string Source { get; }

    /// <summary>The static type of the result (<see cref="ExpressionType.Unknown"/> when it depends on attributes).</summary>
    public ExpressionType Type { get; }

    /// <summary>The top-level attribute names the expression reads (<c>event.campaign.id</c> reads <c>campaign</c>); core fields are not listed.</summary>
    public IReadOnlySet<string> Attributes { get; }

    /// <summary>The value for <paramref name="e"/>.</summary>
    public Value Evaluate(RuleEvent e) => _evaluate(e);

    /// <summary>The value as a condition: true only for <c>true</c>; null is false.</summary>
    public bool IsTrue(RuleEvent e) => _isTrue(e);

    /// <summary>The value as a number (a sum argument); null for null.</summary>
    public double? AsNumber(RuleEvent e)
    {
        var value = _evaluate(e);
        return value.Kind switch
        {
            ValueKind.Number => value.AsNumber(),
            ValueKind.Null => null,
            _ => throw new ExpressionRuntimeException($"expected a number, got {Operations.Describe(value.Kind)}", 0),
        };
    }

    /// <summary>The value as a distinct or group key (see <see cref="Value.ToKey"/>); null for null.</summary>
    public string? AsKey(RuleEvent e) => _evaluate(e).ToKey();

    /// <inheritdoc />
    public override string ToString() => Source;
}
