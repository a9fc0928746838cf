using System.Collections.Frozen;

namespace Governance.Rules.Text;

/// <summary>
/// Aho-Corasick automaton over the characters of normalized text, compiled to a dense DFA:
/// one table read per character, whatever the number of patterns. Patterns are normalized
/// term segments such as <c>" cura la diabetes "</c> or <c>" milagro"</c>; the leading space is
/// the word boundary, so every pattern starts at the start of a word.
/// </summary>
/// <remarks>
/// The alphabet is the space, one symbol for every other character that occurs in a pattern and
/// one shared symbol for all remaining characters, which keeps rows short (about 40 symbols).
/// Table entries are premultiplied row offsets, and states that report patterns are numbered
/// last, so the scan loop is a load, an add and a compare per character. The last column of a
/// row holds the state's index into the report table.
/// </remarks>
internal sealed class TermAutomaton
{
    private const int SpaceSymbol = 0;
    private const int OtherSymbol = 1;

    private readonly int[] transitions;
    private readonly int stride;
    private readonly int firstReportingOffset;
    private readonly byte[] asciiSymbols;
    private readonly FrozenDictionary<char, int> otherSymbols;
    private readonly int[] reportStart;
    private readonly int[] reports;

    private TermAutomaton(
        int[] transitions, int stride, int firstReportingState, byte[] asciiSymbols,
        FrozenDictionary<char, int> otherSymbols, int[] reportStart, int[] reports)
    {
        this.transitions = transitions;
        this.stride = stride;
        firstReportingOffset = firstReportingState * stride;
        this.asciiSymbols = asciiSymbols;
        this.otherSymbols = otherSymbols;
        this.reportStart = reportStart;
        this.reports = reports;
    }

    /// <summary>Number of DFA states (for diagnostics and the docs).</summary>
    public int StateCount => transitions.Length / stride;

    /// <summary>
    /// Told the number of characters each <see cref="Scan"/> read. A seam for tests, which check that
    /// scanning for every list is one pass over the text; null (one branch per scan) in production.
    /// </summary>
    public Action<int>? PassObserver { get; set; }

    /// <summary>Reports every occurrence of every pattern in <paramref name="text"/> to <paramref name="collector"/>, by end position.</summary>
    public void Scan(ReadOnlySpan<char> text, ref MatchCollector collector)
    {
        var table = transitions;
        var ascii = asciiSymbols;
        var threshold = firstReportingOffset;
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var symbol = c < 0x80 ? ascii[c] : otherSymbols.GetValueOrDefault(c, OtherSymbol);
            state = table[state + symbol];
            if (state >= threshold)
            {
                var reporting = table[state + stride - 1];
                for (var r = reportStart[reporting]; r < reportStart[reporting + 1]; r++)
                {
                    collector.OnPattern(reports[r], i);
                }
            }
        }

        // The loop above has no early exit: a pass reads every character, one table read each.
        PassObserver?.Invoke(text.Length);
    }

    /// <summary>Compiles <paramref name="patterns"/>; each must start with a space and hold no double space.</summary>
    public static TermAutomaton Build(IReadOnlyList<string> patterns)
    {
        // Alphabet.
        var symbolOf = new Dictionary<char, int> { [' '] = SpaceSymbol };
        foreach (var c in patterns.SelectMany(p => p).Where(c => c != ' ').Distinct().Order())
        {
            symbolOf[c] = symbolOf.Count + 1;
        }

        var symbols = symbolOf.Count + 1;
        var stride = symbols + 1;
        var ascii = new byte[0x80];
        Array.Fill(ascii, (byte)OtherSymbol);
        foreach (var (c, symbol) in symbolOf.Where(p => p.Key < 0x80))
        {
            ascii[c] = checked((byte)symbol);
        }

        // Trie.
        var children = new List<Dictionary<int, int>> { new() };
        var patternsAt = new List<List<int>> { new() };
        for (var p = 0; p < patterns.Count; p++)
        {
            var node = 0;
            foreach (var c in patterns[p])
            {
                var symbol = symbolOf[c];
                if (!children[node].TryGetValue(symbol, out var next))
                {
                    next = children.Count;
                    children[node][symbol] = next;
                    children.Add([]);
                    patternsAt.Add([]);
                }

                node = next;
            }

            patternsAt[node].Add(p);
        }

        // Failure links in breadth-first order, folded into a complete transition table; each
        // state also reports what its failure state reports (dictionary suffix links, flattened).
        var count = children.Count;
        var delta = new int[count * symbols];
        var fail = new int[count];
        var queue = new Queue<int>();
        foreach (var (symbol, child) in children[0])
        {
            delta[symbol] = child;
            queue.Enqueue(child);
        }

        while (queue.TryDequeue(out var node))
        {
            patternsAt[node].AddRange(patternsAt[fail[node]]);
            for (var symbol = 0; symbol < symbols; symbol++)
            {
                if (children[node].TryGetValue(symbol, out var child))
                {
                    fail[child] = delta[(fail[node] * symbols) + symbol];
                    delta[(node * symbols) + symbol] = child;
                    queue.Enqueue(child);
                }
                else
                {
                    delta[(node * symbols) + symbol] = delta[(fail[node] * symbols) + symbol];
                }
            }
        }

        // Renumber: the root first, reporting states last.
        var order = Enumerable.Range(0, count).OrderBy(s => patternsAt[s].Count > 0).ThenBy(s => s).ToArray();
        var renumbered = new int[count];
        for (var i = 0; i < count; i++)
        {
            renumbered[order[i]] = i;
        }

        var firstReporting = order.Count(s => patternsAt[s].Count == 0);
        var transitions = new int[count * stride];
        for (var s = 0; s < count; s++)
        {
            var row = renumbered[s] * stride;
            for (var symbol = 0; symbol < symbols; symbol++)
            {
                transitions[row + symbol] = renumbered[delta[(s * symbols) + symbol]] * stride;
            }

            transitions[row + symbols] = renumbered[s] - firstReporting;
        }

        var reportStart = new int[count - firstReporting + 1];
        var reports = new List<int>();
        for (var i = firstReporting; i < count; i++)
        {
            reportStart[i - firstReporting] = reports.Count;
            reports.AddRange(patternsAt[order[i]].Distinct().Order());
        }

        reportStart[^1] = reports.Count;
        var others = symbolOf.Where(p => p.Key >= 0x80).ToFrozenDictionary();
        return new TermAutomaton(transitions, stride, firstReporting, ascii, others, reportStart, [.. reports]);
    }
}
