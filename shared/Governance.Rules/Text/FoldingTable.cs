using System.Globalization;

namespace Governance.Rules.Text;

/// <summary>
/// Compatibility and diacritic folding for code points below U+20000, from the generated
/// <c>FoldingTable.Data.cs</c>. The services run with InvariantGlobalization, where
/// <see cref="string.Normalize()"/> leaves non-ASCII text unchanged, so the decompositions are data.
/// </summary>
internal static partial class FoldingTable
{
    /// <summary>Code points at or above this have no entry.</summary>
    public const int Limit = 0x20000;

    /// <summary>The separator marker inside a folded value.</summary>
    public const char Separator = '_';

    // Two-stage lookup: Blocks[cp >> 8] picks a 256-entry page of Pages (page 0 is all zero);
    // a non-zero entry indexes Values.
    private static readonly Tables Lookup = Build(Data);

    /// <summary>The longest folded value, in UTF-16 code units.</summary>
    public static int MaxValueLength => Lookup.MaxValueLength;

    /// <summary>The folded value of <paramref name="codePoint"/> ('_' separates words), or null when it has none.</summary>
    public static string? Find(int codePoint)
    {
        if ((uint)codePoint >= Limit)
        {
            return null;
        }

        var tables = Lookup;
        var index = tables.Pages[(tables.Blocks[codePoint >> 8] << 8) | (codePoint & 0xFF)];
        return index == 0 ? null : tables.Values[index];
    }

    private static Tables Build(string data)
    {
        var entries = new Dictionary<int, string>();
        foreach (var raw in data.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = raw.IndexOf(' ', StringComparison.Ordinal);
            var range = raw[..space];
            var value = raw[(space + 1)..];
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            var first = int.Parse(dash < 0 ? range : range[..dash], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var last = dash < 0 ? first : int.Parse(range[(dash + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var increasing = value.Length == 2 && value[1] == '+';
            for (var cp = first; cp <= last; cp++)
            {
                entries[cp] = increasing ? ((char)(value[0] + cp - first)).ToString() : value;
            }
        }

        var values = new List<string> { string.Empty };
        var interned = new Dictionary<string, ushort>(StringComparer.Ordinal);
        var blocks = new ushort[Limit >> 8];
        var pages = new List<ushort[]> { new ushort[256] };
        foreach (var group in entries.GroupBy(e => e.Key >> 8).OrderBy(g => g.Key))
        {
            var page = new ushort[256];
            foreach (var (cp, value) in group)
            {
                if (!interned.TryGetValue(value, out var index))
                {
                    index = checked((ushort)values.Count);
                    values.Add(value);
                    interned.Add(value, index);
                }

                page[cp & 0xFF] = index;
            }

            blocks[group.Key] = checked((ushort)pages.Count);
            pages.Add(page);
        }

        return new Tables(blocks, [.. pages.SelectMany(p => p)], [.. values], values.Max(v => v.Length));
    }

    private sealed record Tables(ushort[] Blocks, ushort[] Pages, string[] Values, int MaxValueLength);
}
