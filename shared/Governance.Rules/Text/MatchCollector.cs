namespace Governance.Rules.Text;

/// <summary>
/// Turns pattern occurrences reported by <see cref="TermAutomaton"/> into entry matches, chaining
/// the segments of terms that were compiled into several (a stem inside a phrase, or many
/// alternatives): segment k+1 must start at the space after the last word of segment k (for a
/// stem, after the rest of the word).
/// </summary>
/// <remarks>
/// One per scan, on the stack; its lists are allocated only when a chain starts or a term matches.
/// Pending chains are kept in the order they were started, which is also the order of the
/// position their next segment must start at, so expired ones leave from the front and a lookup
/// is a binary search: linear time even on text that repeats a chain's first word thousands of times.
/// </remarks>
internal ref struct MatchCollector
{
    private readonly ReadOnlySpan<char> text;
    private readonly TermMatcher matcher;
    private List<Pending>? pending;
    private int head;

    /// <summary>A collector for one scan of <paramref name="text"/> (normalized, with a space at each end).</summary>
    public MatchCollector(ReadOnlySpan<char> text, TermMatcher matcher)
    {
        this.text = text;
        this.matcher = matcher;
    }

    /// <summary>Every complete occurrence of a term or exclusion so far; null when none.</summary>
    public List<RawMatch>? Matches { get; private set; }

    /// <summary>Pattern <paramref name="pattern"/> occurs ending at <paramref name="end"/> (inclusive).</summary>
    public void OnPattern(int pattern, int end)
    {
        var start = end - matcher.PatternLengths[pattern] + 1;
        if (pending is not null)
        {
            Expire(end);
            if (head > 64 && head * 2 > pending.Count)
            {
                // Compact here, not inside the loop below, which holds indexes into the list.
                pending.RemoveRange(0, head);
                head = 0;
            }
        }

        foreach (var output in matcher.OutputsOf(pattern))
        {
            if (output.Segment == 0)
            {
                Continue(output, start + 1, end);
                continue;
            }

            if (pending is null || head == pending.Count)
            {
                continue;
            }

            for (var i = FirstExpecting(start); i < pending.Count && pending[i].ExpectedStart == start; i++)
            {
                if (pending[i].Entry == output.Entry && pending[i].Segment == output.Segment)
                {
                    Continue(output, pending[i].MatchStart, end);
                }
            }
        }
    }

    private void Continue(PatternOutput output, int matchStart, int end)
    {
        if (output.Segment == matcher.Entries[output.Entry].Segments - 1)
        {
            // A last segment without a stem ends with the space after its last word.
            (Matches ??= new List<RawMatch>(8)).Add(new RawMatch(output.Entry, matchStart, output.StemEnd ? WordEnd(end + 1) : end));
            return;
        }

        var next = output.StemEnd ? WordEnd(end + 1) : end;
        pending ??= new List<Pending>(8);
        Expire(end);
        var chain = new Pending(output.Entry, output.Segment + 1, next, matchStart);
        for (var i = pending.Count - 1; i >= head && pending[i].ExpectedStart == next; i--)
        {
            if (pending[i] == chain)
            {
                return;
            }
        }

        pending.Add(chain);
    }

    /// <summary>Drops chains whose next segment would have had to start too far back to still end here or later.</summary>
    private void Expire(int end)
    {
        var oldest = end - matcher.MaxPatternLength;
        while (head < pending!.Count && pending[head].ExpectedStart < oldest)
        {
            head++;
        }
    }

    /// <summary>Index of the first pending chain whose next segment starts at or after <paramref name="start"/>.</summary>
    private readonly int FirstExpecting(int start)
    {
        int low = head, high = pending!.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (pending[middle].ExpectedStart < start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private readonly int WordEnd(int from) => from + text[from..].IndexOf(' ');

    private readonly record struct Pending(int Entry, int Segment, int ExpectedStart, int MatchStart);
}
