using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Governance.SampleData.Simulation;

/// <summary>
/// Ground-truth files: JSON lines (<c>{"creatorId","pattern","label","firstEventAt","completedAt"}</c>)
/// or, for a name ending in <c>.csv</c>, CSV with the header <c>creatorId,pattern,label,firstEventAt,completedAt</c>.
/// Times are RFC 3339. When reading, <c>label</c> defaults to <c>abuse</c> and <c>completedAt</c> to
/// <c>firstEventAt</c>, so a hand-written truth needs only the creator, the pattern and the first time.
/// </summary>
public static class TruthFile
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string Header = "creatorId,pattern,label,firstEventAt,completedAt";

    /// <summary>
    /// Writes <paramref name="entries"/> to <paramref name="path"/> in the format its extension names.
    /// The file appears whole (written beside it, then renamed), so a reader waiting for it never reads half of it.
    /// </summary>
    public static void Write(string path, IEnumerable<TruthEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var partial = path + ".partial";
        using (var writer = new StreamWriter(partial))
        {
            WriteEntries(writer, entries, IsCsv(path));
        }

        File.Move(partial, path, overwrite: true);
    }

    private static void WriteEntries(StreamWriter writer, IEnumerable<TruthEntry> entries, bool csv)
    {
        if (csv)
        {
            writer.WriteLine(Header);
        }

        foreach (var e in entries)
        {
            var (first, completed) = (e.FirstEventAt.ToString("O", CultureInfo.InvariantCulture), e.CompletedAt.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteLine(csv
                ? $"{e.CreatorId},{e.Pattern},{e.Label},{first},{completed}"
                : JsonSerializer.Serialize(new Dictionary<string, string> { ["creatorId"] = e.CreatorId, ["pattern"] = e.Pattern, ["label"] = e.Label, ["firstEventAt"] = first, ["completedAt"] = completed }, Relaxed));
        }
    }

    /// <summary>Reads a truth file; throws <see cref="FormatException"/> naming the line of a malformed entry.</summary>
    public static IReadOnlyList<TruthEntry> Read(string path)
    {
        var entries = new List<TruthEntry>();
        var csv = IsCsv(path);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || (csv && line.StartsWith("creatorId,", StringComparison.Ordinal)))
            {
                continue;
            }

            try
            {
                entries.Add(csv ? FromCsv(line) : FromJson(line));
            }
            catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or IndexOutOfRangeException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{number}: not a truth entry ({ex.Message})", ex);
            }
        }

        return entries;
    }

    private static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    private static TruthEntry FromCsv(string line)
    {
        var f = line.Split(',');
        var first = DateTimeOffset.Parse(f[3], CultureInfo.InvariantCulture);
        return new TruthEntry(f[0], f[1], f[2] is { Length: > 0 } label ? label : TruthEntry.Abuse, first, f.Length > 4 && f[4].Length > 0 ? DateTimeOffset.Parse(f[4], CultureInfo.InvariantCulture) : first);
    }

    private static TruthEntry FromJson(string line)
    {
        var root = JsonDocument.Parse(line).RootElement;
        var first = root.GetProperty("firstEventAt").GetDateTimeOffset();
        return new TruthEntry(
            root.GetProperty("creatorId").GetString()!,
            root.GetProperty("pattern").GetString()!,
            root.TryGetProperty("label", out var label) ? label.GetString()! : TruthEntry.Abuse,
            first,
            root.TryGetProperty("completedAt", out var completed) ? completed.GetDateTimeOffset() : first);
    }
}
