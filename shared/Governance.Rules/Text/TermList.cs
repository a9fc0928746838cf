namespace Governance.Rules.Text;

/// <summary>A parsed term list file, ready to be compiled with others into <see cref="TermLists"/>.</summary>
public sealed class TermList
{
    internal TermList(string name, string source, IReadOnlyList<TermEntry> entries)
    {
        Name = name;
        Source = source;
        Entries = entries;
    }

    /// <summary>The list name expressions use, e.g. <c>health-claims</c> (the file name without extension).</summary>
    public string Name { get; }

    /// <summary>Where the list came from, as used in error messages (usually the file path).</summary>
    public string Source { get; }

    /// <summary>Terms and exclusions in file order.</summary>
    public IReadOnlyList<TermEntry> Entries { get; }
}
