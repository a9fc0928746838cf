using System.Text;
using System.Text.Json;
using Governance.Contracts;
using Governance.Rules;
using Governance.Validation;

namespace Governance.Cli.Rules;

/// <summary>
/// Reads a JSON-lines file of raw input events (both topics mixed, as in spec/events.md) through the
/// same validation as ingestion. The topic of a line is inferred from its <c>type</c>. Invalid lines
/// are counted by reason, never fatal.
/// </summary>
internal sealed class RawEventFile
{
    public int Lines { get; private set; }

    public SortedDictionary<string, int> Rejected { get; } = new(StringComparer.Ordinal);

    public List<RuleEvent> Events { get; } = [];

    /// <summary>Reads <paramref name="lines"/>; the normalizer's clock decides what is "in the future".</summary>
    public static RawEventFile Read(IEnumerable<string> lines, TimeProvider time)
    {
        var file = new RawEventFile();
        using var normalizer = new EventNormalizer(new ValidationLimits(), time);
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
                file.Events.Add(RuleEvent.From(JsonSerializer.Deserialize(record.Value, GovernanceJsonContext.Default.CreatorEvent)!));
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

    private static EventSource SourceOf(byte[] line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                && EventTypes.Content.Contains(type.GetString()!))
            {
                return EventSource.Content;
            }
        }
        catch (JsonException)
        {
            // The normalizer reports it as not_json.
        }

        return EventSource.Transaction;
    }
}
