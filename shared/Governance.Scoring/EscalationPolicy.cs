using Governance.Rules.Model;

namespace Governance.Scoring;

/// <summary>
/// How signals become alerts (rules/policy/escalation.yaml): weights per severity and rule, score
/// thresholds per priority, rules that escalate alone and the minimum number of distinct rules.
/// </summary>
public sealed record EscalationPolicy
{
    /// <summary>Score added by one signal of each severity (before decay and the rule factor).</summary>
    public required IReadOnlyDictionary<Severity, double> SeverityWeights { get; init; }

    /// <summary>Factor per rule id (default 1): lets reviewers damp a noisy rule without editing it.</summary>
    public required IReadOnlyDictionary<string, double> RuleFactors { get; init; }

    /// <summary>Priority tiers, highest <see cref="PriorityTier.MinScore"/> first.</summary>
    public required IReadOnlyList<PriorityTier> Tiers { get; init; }

    /// <summary>A score escalates only with at least this many distinct rules in the look-back.</summary>
    public required int MinDistinctRules { get; init; }

    /// <summary>Event-time span of the signals counted for distinct rules and attached to a new alert.</summary>
    public required TimeSpan Lookback { get; init; }

    /// <summary>Severities whose one signal escalates.</summary>
    public required IReadOnlySet<Severity> AloneSeverities { get; init; }

    /// <summary>Rules whose one signal escalates.</summary>
    public required IReadOnlySet<string> AloneRules { get; init; }

    /// <summary>The lowest tier an escalate-alone signal gets.</summary>
    public required PriorityTier AloneTier { get; init; }

    /// <summary>An open alert with no new signal for this long (event time) expires; a new one may open.</summary>
    public required TimeSpan AlertExpiry { get; init; }

    /// <summary>The weight one signal adds to its creator's score.</summary>
    public double Weight(string ruleId, Severity severity) =>
        SeverityWeights.GetValueOrDefault(severity) * RuleFactors.GetValueOrDefault(ruleId, 1.0);

    /// <summary>The tier a score reaches, or null below the lowest.</summary>
    public PriorityTier? TierFor(double score) => Tiers.FirstOrDefault(t => score >= t.MinScore);

    /// <summary>
    /// Escalate or not, given the creator's enforce score and its enforce signals in the look-back
    /// (shadow signals never reach here). Null: not (yet).
    /// </summary>
    public Escalation? Decide(double score, IReadOnlyCollection<ScoredSignal> recent)
    {
        ArgumentNullException.ThrowIfNull(recent);
        var byScore = recent.Select(s => s.RuleId).Distinct(StringComparer.Ordinal).Count() >= MinDistinctRules ? TierFor(score) : null;
        var alone = recent.Any(s => AloneSeverities.Contains(s.Severity) || AloneRules.Contains(s.RuleId));
        if (alone && (byScore is null || byScore.MinScore < AloneTier.MinScore))
        {
            return new Escalation(AloneTier, EscalationCause.Alone);
        }

        return byScore is null ? null : new Escalation(byScore, EscalationCause.Score);
    }

    /// <summary>The tier an open alert has now: its score's tier, at least the alone tier if it holds such a signal.</summary>
    public PriorityTier TierOfOpenAlert(double score, IReadOnlyCollection<ScoredSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var tier = TierFor(score);
        if (signals.Any(s => AloneSeverities.Contains(s.Severity) || AloneRules.Contains(s.RuleId)) && (tier is null || tier.MinScore < AloneTier.MinScore))
        {
            tier = AloneTier;
        }

        // An open alert keeps at least the lowest tier: it was escalated, and decay alone must not hide it.
        return tier ?? Tiers[^1];
    }
}
