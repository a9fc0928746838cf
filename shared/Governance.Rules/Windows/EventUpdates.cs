namespace Governance.Rules.Windows;

/// <summary>Everything one event changes, in rule order.</summary>
public sealed record EventUpdates(string EventId, string Type, DateTimeOffset OccurredAt, IReadOnlyList<StateUpdate> Updates);
