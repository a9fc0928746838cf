namespace Governance.Rules.Engine;

/// <summary>A rule crossed its threshold for a creator on an event.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Event">The event that made it cross.</param>
/// <param name="Value">The aggregate's value.</param>
/// <param name="WindowEnd">End of the window (event time of the triggering event).</param>
/// <param name="EvidenceKey">State whose evidence explains the firing.</param>
/// <param name="GroupKey">The key for per-key aggregates.</param>
/// <param name="Count">Ratio: the denominator's count.</param>
/// <param name="Baseline">Baseline rules: the creator's average per window.</param>
public sealed record RuleFiring(CompiledRule Rule, RuleEvent Event, double Value, DateTimeOffset WindowEnd, string EvidenceKey, string? GroupKey, double? Count, double? Baseline);
