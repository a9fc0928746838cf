using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Contracts;

namespace Governance.Chaos;

/// <summary>
/// One raw input record of the labelled stream: the contract topic it goes to, its key and value as
/// upstream would produce them, its event time (for lag scheduling) and the rejection ingestion must give.
/// </summary>
public sealed record StreamRecord(string Topic, string Key, string Value, string? EventId, DateTimeOffset At, string? ExpectedRejection)
{
    /// <summary>The envelope line written to a stream file.</summary>
    public string ToJsonLine() => new JsonObject
    {
        ["topic"] = Topic,
        ["key"] = Key,
        ["at"] = At.ToString("O", CultureInfo.InvariantCulture),
        ["eventId"] = EventId,
        ["expect"] = ExpectedRejection,
        ["value"] = Value,
    }.ToJsonString();

    /// <summary>
    /// Reads one line: either the envelope above, or a bare input event as <c>governance sample --out</c>
    /// writes it (topic from its type, key from its creatorId); a line that is not JSON is kept as a
    /// raw transactions record (ingestion must dead-letter it).
    /// </summary>
    public static StreamRecord Parse(string line, DateTimeOffset previousAt)
    {
        JsonObject? node;
        try
        {
            node = JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            node = null;
        }

        if (node is null)
        {
            return new StreamRecord(Topics.Transactions, "", line, null, previousAt, RejectionReasons.NotJson);
        }

        if (node["topic"] is JsonValue topic && node["value"] is JsonValue value)
        {
            var at = node["at"] is JsonValue a && DateTimeOffset.TryParse(a.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed : previousAt;
            return new StreamRecord(topic.GetValue<string>(), node["key"]?.GetValue<string>() ?? "", value.GetValue<string>(), node["eventId"]?.GetValue<string>(), at, node["expect"]?.GetValue<string>());
        }

        var type = Text(node, "type") ?? "";
        var isContent = type.StartsWith("video.", StringComparison.Ordinal) || type.StartsWith("post.", StringComparison.Ordinal)
            || type.StartsWith("live.", StringComparison.Ordinal) || type.StartsWith("product.", StringComparison.Ordinal);
        var occurred = Text(node, "occurredAt") is { } o && DateTimeOffset.TryParse(o, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : previousAt;
        return new StreamRecord(isContent ? Topics.Content : Topics.Transactions, Text(node, "creatorId") ?? "", line, Text(node, "eventId"), occurred, null);
    }

    /// <summary>Reads a stream file.</summary>
    public static List<StreamRecord> ReadFile(string path)
    {
        var records = new List<StreamRecord>();
        var at = DateTimeOffset.MinValue;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var record = Parse(line, at);
            at = record.At;
            records.Add(record);
        }

        return records;
    }

    /// <summary>Writes a stream file.</summary>
    public static void WriteFile(string path, IEnumerable<StreamRecord> records)
    {
        using var writer = new StreamWriter(path);
        foreach (var record in records)
        {
            writer.WriteLine(record.ToJsonLine());
        }
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
