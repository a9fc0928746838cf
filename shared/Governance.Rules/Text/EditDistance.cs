namespace Governance.Rules.Text;

/// <summary>
/// Edit distances between names, for "did you mean" hints (rule fields, expression names, deployment
/// settings). Characters are compared ordinally: callers fold case first when it should not count.
/// </summary>
public static class EditDistance
{
    /// <summary>Levenshtein distance: the fewest insertions, deletions and substitutions turning <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Levenshtein(string a, string b) => Compute(a, b, transpositions: false);

    /// <summary>
    /// Optimal string alignment distance: Levenshtein plus swapping two adjacent characters as one edit,
    /// the commonest typing slip ("lenght" → "length" is 1, not 2).
    /// </summary>
    public static int OptimalStringAlignment(string a, string b) => Compute(a, b, transpositions: true);

    // Three rows of the distance matrix suffice: a transposition looks back two rows.
    private static int Compute(string a, string b, bool transpositions)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (transpositions && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }
            }

            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }

        return previous[b.Length];
    }
}
