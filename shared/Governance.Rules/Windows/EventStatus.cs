namespace Governance.Rules.Windows;

/// <summary>What the store did with an event.</summary>
public enum EventStatus
{
    /// <summary>Counted.</summary>
    Applied,

    /// <summary>
    /// Already applied: its Kafka offset is at or below the one stored with the creator's state
    /// (redelivery), or its eventId was seen before (an upstream duplicate). Not counted, never fires.
    /// </summary>
    Duplicate,

    /// <summary>Older than every window that reads its source: not counted; the caller dead-letters it (<c>too_late</c>).</summary>
    TooLate,
}
