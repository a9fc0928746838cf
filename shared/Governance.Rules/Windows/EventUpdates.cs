namespace Governance.Rules.Windows;

/// <summary>Everything one event changes, in rule order.</summary>
/// <param name="EventId">The event's id (upstream duplicates are dropped by it).</param>
/// <param name="Type">The event type (kept with evidence).</param>
/// <param name="OccurredAt">Event time.</param>
/// <param name="Updates">The state changes its rules ask for.</param>
public sealed record EventUpdates(string EventId, string Type, DateTimeOffset OccurredAt, IReadOnlyList<StateUpdate> Updates)
{
    /// <summary>The event's source (<c>content</c>, <c>transaction</c>): watermarks are kept per source.</summary>
    public string Source { get; init; } = "";

    /// <summary>
    /// The longest window (baseline histories included) of the rules that read the event's source: an
    /// event older than its source's watermark minus this is too late for every window. Zero: no rule
    /// reads the source, nothing is too late.
    /// </summary>
    public TimeSpan Horizon { get; init; }

    /// <summary>Where the event was read: partition and offset (−1: not read from Kafka, no offset dedup).</summary>
    public EventPosition Position { get; init; } = EventPosition.None;
}
