using System.Text.Json;
using Governance.Contracts;

namespace Governance.Rules;

/// <summary>
/// The event as rules see it: the core fields of a <see cref="CreatorEvent"/> plus its attributes.
/// In expressions, <c>event.type</c>, <c>event.creatorId</c> ... name core fields and any other
/// name (<c>event.amount</c>, <c>event.text</c>, <c>event.campaign.id</c>) an attribute; a missing one is null.
/// </summary>
public sealed class RuleEvent
{
    /// <summary>Unique per event; the dedup key.</summary>
    public required string EventId { get; init; }

    /// <summary><c>content</c> or <c>transaction</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The event type, e.g. <c>order.refunded</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The creator.</summary>
    public required string CreatorId { get; init; }

    /// <summary>Event time.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>BCP 47 tag or null.</summary>
    public string? Locale { get; init; }

    /// <summary>Where the worker read the event (partition, offset): stored with the state it changed, so a redelivery applies nothing.</summary>
    public Windows.EventPosition Position { get; init; } = Windows.EventPosition.None;

    /// <summary>Every other field of the input event.</summary>
    public IReadOnlyDictionary<string, JsonElement> Attributes { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>The rule view of a normalized event, read at <paramref name="position"/> when it came from Kafka.</summary>
    public static RuleEvent From(CreatorEvent e, Windows.EventPosition? position = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new RuleEvent
        {
            EventId = e.EventId,
            Source = e.Source == EventSource.Content ? "content" : "transaction",
            Type = e.Type,
            CreatorId = e.CreatorId,
            OccurredAt = e.OccurredAt,
            Locale = e.Locale,
            Attributes = e.Attributes,
            Position = position ?? Windows.EventPosition.None,
        };
    }
}
