using System.Buffers;

namespace Governance.Rules.Text;

/// <summary>
/// All term lists compiled into one <see cref="TermAutomaton"/>, so one pass over a normalized
/// text finds the terms and exclusions of every list. Immutable; safe for concurrent scans.
/// </summary>
internal sealed class TermMatcher
{
    /// <summary>
    /// Most patterns one segment of a term may expand to. Alternatives multiply: <c>cura|curan el|la|tu|su
    /// diabetes|cancer|...</c> is chained from a verb+article segment and a disease segment instead of
    /// being expanded into every combination.
    /// </summary>
    public const int MaxSegmentVariants = 64;

    private const int StackBufferLength = 1024;

    private readonly TermAutomaton automaton;
    private readonly int[] outputStart;
    private readonly PatternOutput[] outputs;

    private TermMatcher(int listCount, CompiledEntry[] entries, IReadOnlyList<string> patterns, IReadOnlyList<List<PatternOutput>> outputsByPattern)
    {
        ListCount = listCount;
        Entries = entries;
        automaton = TermAutomaton.Build(patterns);
        PatternLengths = [.. patterns.Select(p => p.Length)];
        MaxPatternLength = PatternLengths.DefaultIfEmpty(0).Max();
        outputStart = new int[patterns.Count + 1];
        for (var p = 0; p < patterns.Count; p++)
        {
            outputStart[p + 1] = outputStart[p] + outputsByPattern[p].Count;
        }

        outputs = [.. outputsByPattern.SelectMany(o => o)];
    }

    /// <summary>Number of compiled lists.</summary>
    public int ListCount { get; }

    /// <summary>Terms and exclusions of all lists.</summary>
    public CompiledEntry[] Entries { get; }

    /// <summary>Length of each pattern, by pattern index.</summary>
    public int[] PatternLengths { get; }

    /// <summary>The longest pattern.</summary>
    public int MaxPatternLength { get; }

    /// <summary>The automaton, for diagnostics.</summary>
    public TermAutomaton Automaton => automaton;

    /// <summary>What pattern <paramref name="pattern"/> stands for.</summary>
    public ReadOnlySpan<PatternOutput> OutputsOf(int pattern) =>
        outputs.AsSpan(outputStart[pattern], outputStart[pattern + 1] - outputStart[pattern]);

    /// <summary>Compiles <paramref name="lists"/>, whose index in the sequence is the list index.</summary>
    public static TermMatcher Compile(IReadOnlyList<TermList> lists)
    {
        var entries = new List<CompiledEntry>();
        var patternIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var patterns = new List<string>();
        var outputsByPattern = new List<List<PatternOutput>>();
        for (var list = 0; list < lists.Count; list++)
        {
            foreach (var entry in lists[list].Entries)
            {
                var segments = Segment(entry.Positions);
                var entryIndex = entries.Count;
                entries.Add(new CompiledEntry(list, segments.Count, entry));
                for (var s = 0; s < segments.Count; s++)
                {
                    foreach (var words in Combinations(segments[s]))
                    {
                        // A segment ending in a whole word ends with the space after it, which is
                        // also the space the next segment starts with.
                        var stemEnd = words[^1].IsStem;
                        var pattern = " " + string.Join(' ', words.Select(w => w.Text)) + (stemEnd ? "" : " ");
                        if (!patternIndex.TryGetValue(pattern, out var index))
                        {
                            index = patterns.Count;
                            patternIndex.Add(pattern, index);
                            patterns.Add(pattern);
                            outputsByPattern.Add([]);
                        }

                        var output = new PatternOutput(entryIndex, s, stemEnd);
                        if (!outputsByPattern[index].Contains(output))
                        {
                            outputsByPattern[index].Add(output);
                        }
                    }
                }
            }
        }

        return new TermMatcher(lists.Count, [.. entries], patterns, outputsByPattern);
    }

    /// <summary>
    /// Scans <paramref name="text"/>; returns a bit per list (bit i of word i/64) that has a term
    /// match not overlapped by one of its exclusions, and adds those matches to <paramref name="evidence"/> when given.
    /// </summary>
    public ulong[] Scan(ReadOnlySpan<char> text, IReadOnlyList<string> listNames, List<TermMatch>? evidence)
    {
        char[]? rented = null;
        var capacity = text.Length + 2 + 16;
        var buffer = capacity <= StackBufferLength ? stackalloc char[StackBufferLength] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            if (!TextNormalizer.TryNormalize(text, buffer[1..^1], out var length))
            {
                // Compatibility forms expanded the text past the slack; rare.
                Return(rented);
                rented = null;
                buffer = rented = ArrayPool<char>.Shared.Rent(TextNormalizer.GetMaxNormalizedLength(text.Length) + 2);
                TextNormalizer.TryNormalize(text, buffer[1..^1], out length);
            }

            // A space at each end: every word, first and last included, has a boundary on both sides.
            buffer[0] = ' ';
            buffer[length + 1] = ' ';
            var padded = buffer[..(length + 2)];
            var collector = new MatchCollector(padded, this);
            automaton.Scan(padded, ref collector);
            return Resolve(collector.Matches, padded, listNames, evidence);
        }
        finally
        {
            Return(rented);
        }
    }

    private ulong[] Resolve(List<RawMatch>? matches, ReadOnlySpan<char> padded, IReadOnlyList<string> listNames, List<TermMatch>? evidence)
    {
        if (matches is null)
        {
            return [];
        }

        var excluded = ExcludedSpans(matches);
        var bits = new ulong[(ListCount + 63) >> 6];
        var any = false;
        var reported = evidence is null ? null : new HashSet<RawMatch>();
        var first = evidence?.Count ?? 0;
        foreach (var match in matches)
        {
            var entry = Entries[match.Entry];
            var bit = 1UL << (entry.List & 63);
            if (entry.Source.IsExclusion
                || (evidence is null && (bits[entry.List >> 6] & bit) != 0)
                || (excluded is not null && Overlaps(excluded, entry.List, match))
                || (reported is not null && !reported.Add(match)))
            {
                continue;
            }

            bits[entry.List >> 6] |= bit;
            any = true;
            evidence?.Add(new TermMatch(
                listNames[entry.List], entry.Source.Text, entry.Source.Line,
                match.Start - 1, match.End - match.Start, padded[match.Start..match.End].ToString()));
        }

        evidence?.Sort(first, evidence.Count - first, TermMatchOrder.Instance);
        return any ? bits : [];
    }

    /// <summary>The spans covered by exclusions, merged per list and sorted by list then start; null when there are none.</summary>
    private List<(int List, int Start, int End)>? ExcludedSpans(List<RawMatch> matches)
    {
        List<(int List, int Start, int End)>? spans = null;
        foreach (var match in matches)
        {
            var entry = Entries[match.Entry];
            if (entry.Source.IsExclusion)
            {
                (spans ??= []).Add((entry.List, match.Start, match.End));
            }
        }

        if (spans is null)
        {
            return null;
        }

        spans.Sort();
        var merged = new List<(int List, int Start, int End)>(spans.Count);
        foreach (var span in spans)
        {
            if (merged.Count > 0 && merged[^1].List == span.List && span.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, span.End) };
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    /// <summary>
    /// True when an excluded span of <paramref name="list"/> overlaps <paramref name="match"/>. The spans
    /// of a list are disjoint and sorted, so only the last one starting before the match ends can.
    /// </summary>
    private static bool Overlaps(List<(int List, int Start, int End)> excluded, int list, RawMatch match)
    {
        int low = 0, high = excluded.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var span = excluded[middle];
            if (span.List < list || (span.List == list && span.Start < match.End))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low > 0 && excluded[low - 1].List == list && excluded[low - 1].End > match.Start;
    }

    /// <summary>
    /// Splits a term's word positions into segments: after a stem that is not the last word (a
    /// pattern cannot continue past "the rest of the word"), and before a position whose
    /// alternatives would take the segment over <see cref="MaxSegmentVariants"/> combinations.
    /// </summary>
    private static List<List<TermWord[]>> Segment(IReadOnlyList<TermWord[]> positions)
    {
        var segments = new List<List<TermWord[]>>();
        var current = new List<TermWord[]>();
        var combinations = 1;
        for (var i = 0; i < positions.Count; i++)
        {
            var alternatives = positions[i];
            if (current.Count > 0 && combinations * alternatives.Length > MaxSegmentVariants)
            {
                segments.Add(current);
                current = [];
                combinations = 1;
            }

            current.Add(alternatives);
            combinations *= alternatives.Length;
            if (i < positions.Count - 1 && alternatives.Any(w => w.IsStem))
            {
                segments.Add(current);
                current = [];
                combinations = 1;
            }
        }

        if (current.Count > 0)
        {
            segments.Add(current);
        }

        return segments;
    }

    private static IEnumerable<TermWord[]> Combinations(List<TermWord[]> positions)
    {
        IEnumerable<TermWord[]> result = [[]];
        foreach (var alternatives in positions)
        {
            var prefixes = result;
            result = prefixes.SelectMany(prefix => alternatives.Select(word => (TermWord[])[.. prefix, word]));
        }

        return result;
    }

    private static void Return(char[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private sealed class TermMatchOrder : IComparer<TermMatch>
    {
        public static readonly TermMatchOrder Instance = new();

        public int Compare(TermMatch? x, TermMatch? y)
        {
            var order = x!.Start.CompareTo(y!.Start);
            order = order != 0 ? order : y.Length.CompareTo(x.Length);
            order = order != 0 ? order : string.CompareOrdinal(x.ListName, y.ListName);
            return order != 0 ? order : x.Line.CompareTo(y.Line);
        }
    }
}
