namespace Governance.Rules.Text;

/// <summary>One line of a term list: a term, or an exclusion (a line starting with <c>!</c>).</summary>
public sealed class TermEntry
{
    internal TermEntry(string text, int line, bool isExclusion, IReadOnlyList<TermWord[]> positions)
    {
        Text = text;
        Line = line;
        IsExclusion = isExclusion;
        Positions = positions;
    }

    /// <summary>The term as written in the file, without the comment and, for an exclusion, without the <c>!</c>.</summary>
    public string Text { get; }

    /// <summary>1-based line number in the file.</summary>
    public int Line { get; }

    /// <summary>True for an exclusion: a term match overlapping an occurrence of this phrase does not count.</summary>
    public bool IsExclusion { get; }

    /// <summary>Word positions in order; each holds the normalized alternatives for that position.</summary>
    internal IReadOnlyList<TermWord[]> Positions { get; }

    /// <inheritdoc/>
    public override string ToString() => IsExclusion ? "!" + Text : Text;
}
