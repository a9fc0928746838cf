namespace Governance.Rules.Windows;

/// <summary>
/// The state values after an event, aligned with its <see cref="EventUpdates.Updates"/> (empty unless
/// applied), and the end of its windows: the event's time or its source's watermark, whichever is later.
/// </summary>
public sealed record EventOutcome(EventStatus Status, double[] Values, DateTimeOffset WindowEnd);
