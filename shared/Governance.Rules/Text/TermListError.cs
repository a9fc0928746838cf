namespace Governance.Rules.Text;

/// <summary>A problem in a term list file, e.g. <c>rules/terms/health-claims.txt:12: empty alternative in 'cura el||la'</c>.</summary>
/// <param name="Source">The file (or other source name) the list was read from.</param>
/// <param name="Line">1-based line number, or 0 when the problem concerns the whole file.</param>
/// <param name="Message">What is wrong, quoting the line.</param>
public sealed record TermListError(string Source, int Line, string Message)
{
    /// <summary><c>source:line: message</c>, or <c>source: message</c> for a whole-file problem.</summary>
    public override string ToString() => Line > 0 ? $"{Source}:{Line}: {Message}" : $"{Source}: {Message}";
}
