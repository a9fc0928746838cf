using System.Text;
using System.Text.Json;
using Governance.Contracts;
using Governance.Rules;
using Governance.Validation;

namespace Governance.Cli.Rules;

/// <summary>
/// Reads a JSON-lines file of raw input events (both topics mixed, as in docs/contracts.md) through the
/// same validation as ingestion. The topic of a line is inferred from its <c>type</c>. Invalid lines
/// are counted by reason, never fatal.
/// </summary>
internal sealed class RawEventFile
{
    public int Lines { get; private set; }

    public SortedDictionary<string, int> Rejected { get; } = new(StringComparer.Ordinal);

    public List<RuleEvent> Events { get; } = [];

    /// <summary>
    /// Reads <paramref name="lines"/> with ingestion's <paramref name="limits"/>; the normalizer's clock
    /// decides what is "in the future".
    /// </summary>
    public static RawEventFile Read(IEnumerable<string> lines, ValidationLimits limits, TimeProvider time)
    {
        var file = new RawEventFile();
        var normalizer = new EventNormalizer(limits, time);
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            file.Lines++;
            var bytes = Encoding.UTF8.GetBytes(line);
            if (normalizer.TryNormalize(bytes, SourceOf(bytes), out var record, out var rejection))
            {
                file.Events.Add(ToRuleEvent(record.Value));
            }
            else
            {
                file.Rejected[rejection!.Reason] = file.Rejected.GetValueOrDefault(rejection.Reason) + 1;
            }
        }

        // Replay in event-time order (stable: ties keep file order).
        var ordered = file.Events.OrderBy(e => e.OccurredAt).ToList();
        file.Events.Clear();
        file.Events.AddRange(ordered);
        return file;
    }

    public int RejectedCount => Rejected.Values.Sum();

    /// <summary>
    /// The rule view of a normalized event, read with one document whose elements the attributes
    /// share (deserializing a JsonElement dictionary would make a document per attribute).
    /// </summary>
    private static RuleEvent ToRuleEvent(byte[] normalized)
    {
        var root = JsonDocument.Parse(normalized).RootElement; // kept alive by the attributes that point into it
        var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.GetProperty("attributes").EnumerateObject())
        {
            attributes[property.Name] = property.Value;
        }

        return new RuleEvent
        {
            EventId = root.GetProperty("eventId").GetString()!,
            Source = root.GetProperty("source").GetString()!,
            Type = root.GetProperty("type").GetString()!,
            CreatorId = root.GetProperty("creatorId").GetString()!,
            OccurredAt = root.GetProperty("occurredAt").GetDateTimeOffset(),
            Locale = root.TryGetProperty("locale", out var locale) ? locale.GetString() : null,
            Attributes = attributes,
        };
    }

    /// <summary>
    /// The topic a line belongs to, from its top-level <c>type</c> (a quick scan, no document): transactions for a
    /// transaction type, else content, whose schema requires no field beyond the common ones. So a record of an
    /// unknown type is rejected <c>unknown_type</c>, as ingestion rejects it on either topic, not <c>missing_field</c>
    /// for lacking a transaction's fields.
    /// </summary>
    private static EventSource SourceOf(byte[] line)
    {
        var reader = new Utf8JsonReader(line);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("type"u8))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String && EventTypes.Transaction.Contains(reader.GetString()!)
                        ? EventSource.Transaction
                        : EventSource.Content;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth > 0)
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // The normalizer reports it as not_json.
        }

        return EventSource.Content;
    }
}
