namespace Governance.Rules.Text;

/// <summary>
/// Which lists match one text, from a single pass (<see cref="TermLists.Scan"/>): scan once, then ask
/// <see cref="Has"/> for each list a rule needs. Immutable.
/// </summary>
public sealed class TermScan
{
    private readonly TermLists lists;
    private readonly ulong[] matched;

    internal TermScan(TermLists lists, string? text, ulong[] matched)
    {
        this.lists = lists;
        this.matched = matched;
        Text = text;
    }

    /// <summary>The text that was scanned (not normalized).</summary>
    public string? Text { get; }

    /// <summary>True when no list matched.</summary>
    public bool IsEmpty => matched.Length == 0;

    /// <summary>The lists that matched, in list order.</summary>
    public IReadOnlyList<string> MatchedLists => [.. lists.Names.Where((_, i) => IsSet(i))];

    /// <summary>True when the text contains a term of <paramref name="listName"/> not overlapped by one of the list's exclusions.</summary>
    /// <exception cref="ArgumentException">There is no list of that name.</exception>
    public bool Has(string listName) => IsSet(lists.IndexOf(listName));

    private bool IsSet(int list) => (list >> 6) < matched.Length && (matched[list >> 6] & (1UL << (list & 63))) != 0;
}
