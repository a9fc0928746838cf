using System.Text.Json;
using System.Text.Json.Serialization;

namespace Governance.Contracts;

/// <summary>
/// The normalized event on <c>governance.events.v1</c>: the fields every rule needs, and the
/// remaining input fields as a flat <see cref="Attributes"/> map.
/// </summary>
public sealed record CreatorEvent
{
    /// <summary>Unique per event; the dedup key.</summary>
    public required string EventId { get; init; }

    /// <summary>The topic the event came from.</summary>
    public required EventSource Source { get; init; }

    /// <summary>The event type, e.g. <c>order.refunded</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The creator the event belongs to; also the Kafka key.</summary>
    public required string CreatorId { get; init; }

    /// <summary>When it happened, with the offset the producer gave.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>When ingestion accepted it (UTC).</summary>
    public required DateTimeOffset IngestedAt { get; init; }

    /// <summary>BCP 47 tag, when the producer gave one.</summary>
    public string? Locale { get; init; }

    /// <summary>Every other input field (text, amount, buyerId, productIds, unknown extras ...).</summary>
    [JsonConverter(typeof(AttributesJsonConverter))]
    public IReadOnlyDictionary<string, JsonElement> Attributes { get; init; } = new Dictionary<string, JsonElement>();
}
