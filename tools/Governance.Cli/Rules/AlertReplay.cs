using Governance.Rules.Model;
using Governance.Scoring;

namespace Governance.Cli.Rules;

/// <summary>
/// When each creator's first alert would open: the backtest's enforce signals replayed through the
/// escalation policy as the alerting service applies them (per creator in event-time order, the score
/// decaying by <c>windowEnd</c>, the look-back's signals deciding). Decisions and expiry do not apply
/// to a first alert, so this is what moderators would have seen first.
/// </summary>
internal static class AlertReplay
{
    /// <summary>The alerting service's default half-life (Alerting:HalfLife).</summary>
    public static readonly TimeSpan DefaultHalfLife = TimeSpan.FromHours(12);

    /// <summary>The first alerts a backtest's replay would have opened (its enforced signals, the default half-life).</summary>
    public static List<LabelledSignal> FirstAlerts(ReplayResult replay, EscalationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(replay);
        return FirstAlerts(
            replay.Firings.Where(f => f.Firing.Rule.Definition.Mode == RuleMode.Enforce)
                .Select(f => (f.Firing.Rule.Id, f.Firing.Rule.Definition.Severity, f.Firing.Event.CreatorId, f.Firing.WindowEnd)),
            policy,
            DefaultHalfLife);
    }

    public static List<LabelledSignal> FirstAlerts(IEnumerable<(string RuleId, Severity Severity, string CreatorId, DateTimeOffset WindowEnd)> enforced, EscalationPolicy policy, TimeSpan halfLife)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var alerts = new List<LabelledSignal>();
        foreach (var creator in enforced.GroupBy(s => s.CreatorId, StringComparer.Ordinal))
        {
            var score = DecayingScore.Empty;
            var seen = new List<(ScoredSignal Signal, DateTimeOffset At)>();
            foreach (var s in creator.OrderBy(s => s.WindowEnd))
            {
                score = score.Add(policy.Weight(s.RuleId, s.Severity), s.WindowEnd, halfLife);
                seen.Add((new ScoredSignal(s.RuleId, s.Severity), s.WindowEnd));
                var from = score.At - policy.Lookback;
                if (policy.Decide(score.Value, [.. seen.Where(x => x.At > from).Select(x => x.Signal)]) is not null)
                {
                    alerts.Add(new LabelledSignal("alerts", true, creator.Key, s.WindowEnd));
                    break;
                }
            }
        }

        return alerts;
    }
}
