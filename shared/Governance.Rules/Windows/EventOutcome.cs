namespace Governance.Rules.Windows;

/// <summary>The state values after an event, aligned with its <see cref="EventUpdates.Updates"/> (empty when late).</summary>
public sealed record EventOutcome(EventStatus Status, double[] Values, DateTimeOffset WindowEnd);
