namespace Governance.Rules.Model;

/// <summary>A text from a rule file with where it starts (expressions keep this to report errors at file:line:column).</summary>
public sealed record Located(string Text, SourceSpan Where)
{
    /// <inheritdoc />
    public override string ToString() => Text;
}
