using System.Collections.Frozen;

namespace Governance.Rules.Text;

/// <summary>
/// Named term lists compiled once into a single automaton: one pass over a text finds the terms
/// of every list. Immutable after construction and safe for concurrent use.
/// </summary>
/// <remarks>
/// For several lists on one text, call <see cref="Scan"/> once and ask <see cref="TermScan.Has"/>.
/// <see cref="Matches"/> also remembers the scan of the last text it saw (by reference, one slot, no
/// thread affinity), so <c>matches(event.text, "a") || matches(event.text, "b")</c> scans once.
/// A null text is treated as empty: an event without text matches no list.
/// </remarks>
public sealed class TermLists : ITermLists
{
    private readonly TermMatcher matcher;
    private readonly FrozenDictionary<string, int> index;
    private TermScan? last;

    private TermLists(IReadOnlyList<TermList> lists)
    {
        Lists = lists;
        Names = [.. lists.Select(l => l.Name)];
        index = Names.Select((name, i) => KeyValuePair.Create(name, i)).ToFrozenDictionary(StringComparer.Ordinal);
        matcher = TermMatcher.Compile(lists);
    }

    /// <summary>The list names, in the order given.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The parsed lists.</summary>
    public IReadOnlyList<TermList> Lists { get; }

    /// <summary>Number of automaton states (the size of the compiled lists).</summary>
    public int StateCount => matcher.Automaton.StateCount;

    /// <summary>The automaton every scan runs, for tests that observe its passes.</summary>
    internal TermAutomaton Automaton => matcher.Automaton;

    /// <summary>Compiles <paramref name="lists"/>; their names must be distinct.</summary>
    public static TermLists Compile(IEnumerable<TermList> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var all = lists.ToList();
        var duplicates = all.GroupBy(l => l.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return duplicates.Count > 0
            ? throw new ArgumentException($"Term list names must be distinct: {string.Join(", ", duplicates)}", nameof(lists))
            : new TermLists(all);
    }

    /// <summary>
    /// Reads every <c>*.txt</c> file in <paramref name="directory"/> (not its subdirectories) as a
    /// list named after the file (<c>health-claims.txt</c> is <c>health-claims</c>) and compiles them.
    /// </summary>
    /// <exception cref="TermListException">A file is invalid; every problem in every file is listed.</exception>
    public static TermLists LoadDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var lists = new List<TermList>();
        var errors = new List<TermListError>();
        foreach (var path in Directory.GetFiles(directory, "*.txt").Order(StringComparer.Ordinal))
        {
            try
            {
                lists.Add(TermListParser.Parse(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path), path));
            }
            catch (TermListException e)
            {
                errors.AddRange(e.Errors);
            }
        }

        return errors.Count > 0 ? throw new TermListException(errors) : Compile(lists);
    }

    /// <inheritdoc/>
    public bool Contains(string listName)
    {
        ArgumentNullException.ThrowIfNull(listName);
        return index.ContainsKey(listName);
    }

    /// <summary>True when <paramref name="text"/> contains a term of <paramref name="listName"/> that none of the list's exclusions overlaps.</summary>
    /// <exception cref="ArgumentException">There is no list of that name.</exception>
    public bool Matches(string? text, string listName)
    {
        IndexOf(listName);
        var scan = Volatile.Read(ref last);
        if (scan is null || !ReferenceEquals(scan.Text, text))
        {
            // A benign race: concurrent callers may each scan and overwrite the slot; every
            // TermScan is immutable and complete, so a reader never sees a partial result.
            scan = Scan(text);
            Volatile.Write(ref last, scan);
        }

        return scan.Has(listName);
    }

    /// <summary>Scans <paramref name="text"/> once for every list.</summary>
    public TermScan Scan(string? text) =>
        new(this, text, string.IsNullOrEmpty(text) ? [] : matcher.Scan(text, Names, evidence: null));

    /// <summary>
    /// Every term match in <paramref name="text"/> that no exclusion of its list overlaps, ordered by
    /// position, longest first; positions refer to <see cref="TextNormalizer.Normalize"/>(<paramref name="text"/>).
    /// </summary>
    public IReadOnlyList<TermMatch> FindAll(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var evidence = new List<TermMatch>();
        matcher.Scan(text, Names, evidence);
        return evidence;
    }

    /// <summary>The index of <paramref name="listName"/>.</summary>
    /// <exception cref="ArgumentException">There is no list of that name.</exception>
    internal int IndexOf(string listName)
    {
        ArgumentNullException.ThrowIfNull(listName);
        return index.TryGetValue(listName, out var i)
            ? i
            : throw new ArgumentException($"Unknown term list '{listName}'; known lists: {string.Join(", ", Names)}", nameof(listName));
    }
}
