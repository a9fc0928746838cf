namespace Governance.Rules.Windows;

/// <summary>An event older than every window of its source, to dead-letter with reason <c>too_late</c>.</summary>
public sealed record TooLateEvent(string CreatorId, string EventId, string Source, DateTimeOffset OccurredAt, DateTimeOffset Watermark, EventPosition Position);
