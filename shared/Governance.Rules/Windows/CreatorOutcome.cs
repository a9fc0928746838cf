namespace Governance.Rules.Windows;

/// <summary>
/// Outcomes of one creator's events, until when (event time) each asked rule is cooling down, and the
/// earliest event time counted for the creator (null before any).
/// </summary>
public sealed record CreatorOutcome(IReadOnlyList<EventOutcome> Events, IReadOnlyDictionary<string, DateTimeOffset> CooldownUntil, DateTimeOffset? FirstSeen = null);
