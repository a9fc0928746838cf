using System.Text.Json;
using Governance.SampleData.Simulation;

namespace Governance.Cli.Watch;

/// <summary>
/// When each abusive creator's first abusive event was produced (its Kafka timestamp, the producer's wall
/// clock): of the creator's input records at or after the truth's <c>firstEventAt</c>, the one with the
/// earliest event time. A source delivered late cannot make a later record look like the first.
/// </summary>
internal sealed class FirstAbuse
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _firstEventAt;
    private readonly Dictionary<string, (DateTimeOffset OccurredAt, DateTimeOffset ProducedAt)> _seen = new(StringComparer.Ordinal);

    public FirstAbuse(IEnumerable<TruthEntry> truth)
    {
        // A creator playing several patterns is abusive from the earliest; truth times carry ticks, records milliseconds.
        _firstEventAt = truth.Where(t => t.IsAbuse).GroupBy(t => t.CreatorId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Milliseconds(g.Min(t => t.FirstEventAt)), StringComparer.Ordinal);
    }

    /// <summary>True for an abusive creator of the truth (the only records worth parsing).</summary>
    public bool Wants(string? creatorId) => creatorId is not null && _firstEventAt.ContainsKey(creatorId);

    /// <summary>One input record of an abusive creator: its raw JSON and its Kafka timestamp.</summary>
    public void Saw(string creatorId, ReadOnlySpan<byte> value, DateTimeOffset producedAt)
    {
        if (!_firstEventAt.TryGetValue(creatorId, out var first) || OccurredAt(value) is not { } occurred || Milliseconds(occurred) < first)
        {
            return;
        }

        lock (_gate)
        {
            if (!_seen.TryGetValue(creatorId, out var best) || occurred < best.OccurredAt)
            {
                _seen[creatorId] = (occurred, producedAt);
            }
        }
    }

    /// <summary>Creator → production time of its first abusive event, for the creators seen so far.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> ProducedAt()
    {
        lock (_gate)
        {
            return _seen.ToDictionary(s => s.Key, s => s.Value.ProducedAt, StringComparer.Ordinal);
        }
    }

    /// <summary>The top-level <c>occurredAt</c> of a raw record, or null (not JSON, absent, not a time).</summary>
    internal static DateTimeOffset? OccurredAt(ReadOnlySpan<byte> value)
    {
        try
        {
            var reader = new Utf8JsonReader(value);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTime = reader.ValueTextEquals("occurredAt"u8);
                reader.Read();
                if (isTime)
                {
                    return reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var at) ? at : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // a broken record: not the first abusive event
        }

        return null;
    }

    private static DateTimeOffset Milliseconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
}
