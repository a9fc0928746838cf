namespace Governance.Rules.Windows;

/// <summary>
/// Outcomes of one creator's events, until when (event time) each asked rule is cooling down, and per
/// source the earliest event time counted for the creator.
/// </summary>
public sealed record CreatorOutcome(
    IReadOnlyList<EventOutcome> Events,
    IReadOnlyDictionary<string, DateTimeOffset> CooldownUntil,
    IReadOnlyDictionary<string, DateTimeOffset> FirstSeen);
