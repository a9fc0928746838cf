namespace Governance.Rules.Windows;

/// <summary>One creator's events of a batch, in order, and the rules whose cooldowns to read.</summary>
public sealed record CreatorUpdates(string CreatorId, IReadOnlyList<EventUpdates> Events, IReadOnlyList<string> CooldownRules);
