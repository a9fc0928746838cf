namespace Governance.Rules.Model;

/// <summary>One problem in a rule pack: where, which field, what.</summary>
public sealed record RuleError(SourceSpan Where, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Field.Length == 0 ? $"{Where} {Message}" : $"{Where} {Field}: {Message}";
}
