namespace Governance.Rules.Model;

/// <summary>Where something is in a rule file (1-based line and column).</summary>
public readonly record struct SourceSpan(string File, int Line, int Column)
{
    /// <summary>Shifted to a 0-based offset inside a single-line scalar (expressions).</summary>
    public SourceSpan At(int offset) => this with { Column = Column + offset };

    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}";
}
