namespace Governance.Rules.Windows;

/// <summary>A rule may not signal again for the creator before <paramref name="Until"/> (event time).</summary>
public sealed record Cooldown(string CreatorId, string RuleId, DateTimeOffset Until);
