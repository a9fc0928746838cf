namespace Governance.Rules.Windows;

/// <summary>Outcomes of one creator's events, and until when (event time) each asked rule is cooling down.</summary>
public sealed record CreatorOutcome(IReadOnlyList<EventOutcome> Events, IReadOnlyDictionary<string, DateTimeOffset> CooldownUntil);
