using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Contracts;
using Governance.SampleData;

namespace Governance.Chaos;

/// <summary>
/// The labelled stream every run replays: background marketplace activity from
/// <see cref="SampleEventGenerator"/> (with its invalid records) plus creators who abuse the platform
/// exactly as the rule pack's own firing fixtures (<c>rules/fixtures/*.fires*.jsonl</c>) do, each
/// fixture copied to several creators at random points of the stream. Sorted by event time.
/// </summary>
public static class LabelledInput
{
    /// <summary>Builds the stream. It ends ten minutes before now, so no valid record is in the future.</summary>
    public static List<StreamRecord> Generate(StreamShape shape, string rulesFolder, int seed)
    {
        var end = DateTimeOffset.UtcNow.AddMinutes(-10);
        var start = end - shape.Span;
        var spacing = shape.Span / shape.Events;
        var background = new SampleEventGenerator(new SampleEventOptions
        {
            Creators = shape.Creators,
            InvalidShare = shape.InvalidShare,
            Seed = seed,
            Spacing = spacing,
            Start = start,
            // Over the runs' 16 KiB record limit, small enough for the local broker's few MB per partition.
            TooLargeBytes = 20_000,
            EventIdPrefix = "chaos",
        }).Generate().Take(shape.Events);
        var records = new List<StreamRecord>(shape.Events + 1_000);
        var previous = start;
        foreach (var e in background)
        {
            // A record without a readable time (not JSON, bad timestamp) travels with its neighbours.
            previous = TimeOf(e.Value, previous);
            records.Add(new StreamRecord(e.Topic, e.Key, e.Value, e.EventId, previous, e.ExpectedRejection));
        }

        var random = new Random(seed);
        foreach (var fixture in Directory.GetFiles(Path.Combine(rulesFolder, "fixtures"), "*.fires*.jsonl").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(fixture).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            var name = Path.GetFileName(fixture).Split('.')[0];
            for (var copy = 0; copy < shape.AbuseCopies; copy++)
            {
                var creator = $"abuse-{name}-{copy:D2}";
                // The fixture's last event lands somewhere in the stream's second to last tenth; earlier
                // history (days for some fixtures) keeps its distance before it.
                var last = lines.Max(l => Time(l));
                var shift = start + (shape.Span * (0.1 + (0.85 * random.NextDouble()))) - last;
                records.AddRange(lines.Select(l => Copy(l, creator, shift)));
            }
        }

        return [.. records.OrderBy(r => r.At)];
    }

    private static StreamRecord Copy(JsonObject template, string creator, TimeSpan shift)
    {
        var node = template.DeepClone().AsObject();
        var original = node["creatorId"]!.GetValue<string>();
        foreach (var (name, value) in node.ToList())
        {
            // The creator's id wherever the fixture uses it (self-purchase: the buyer is the creator).
            if (value is JsonValue v && v.TryGetValue<string>(out var s) && s == original)
            {
                node[name] = creator;
            }
        }

        var at = Time(node) + shift;
        var eventId = $"{creator}-{node["eventId"]!.GetValue<string>()}";
        node["eventId"] = eventId;
        node["occurredAt"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var topic = node.ContainsKey("text") ? Topics.Content : Topics.Transactions;
        return new StreamRecord(topic, creator, node.ToJsonString(), eventId, at, null);
    }

    private static DateTimeOffset Time(JsonObject node) =>
        DateTimeOffset.Parse(node["occurredAt"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static DateTimeOffset TimeOf(string value, DateTimeOffset fallback)
    {
        try
        {
            return JsonNode.Parse(value) is JsonObject o && o["occurredAt"] is JsonValue v && v.TryGetValue<string>(out var s)
                && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : fallback;
        }
        catch (JsonException)
        {
            return fallback;
        }
    }
}
