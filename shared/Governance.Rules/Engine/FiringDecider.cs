using Governance.Rules.Model;
using Governance.Rules.Windows;

namespace Governance.Rules.Engine;

/// <summary>Which of a creator's planned rules fire, given the window values the store computed: thresholds, minimums, baselines, cooldowns.</summary>
internal static class FiringDecider
{
    /// <summary>Adds to <paramref name="firings"/> each rule that crosses on an event and is not cooling down, with the event's index.</summary>
    public static void Decide(CreatorPlan plan, CreatorOutcome outcome, DecisionContext context, List<PeerCount> peerCounts, EngineCounters counters, List<(int EventIndex, RuleFiring Firing)> firings)
    {
        var cooling = new Dictionary<string, DateTimeOffset>(outcome.CooldownUntil, StringComparer.Ordinal);
        for (var i = 0; i < plan.Events.Count; i++)
        {
            var (e, rules, _) = plan.Events[i];
            var result = outcome.Events[i];
            if (result.Status == EventStatus.TooLate)
            {
                counters.TooLate++;
                continue;
            }

            if (result.Status == EventStatus.Duplicate)
            {
                // Applied before, and decided then: a firing it caused is stored as a pending signal.
                counters.Duplicates++;
                continue;
            }

            var offset = 0;
            var end = result.WindowEnd;
            foreach (var rule in rules)
            {
                var values = result.Values.AsSpan(offset, rule.Updates.Length);
                offset += rule.Updates.Length;
                if (Crossing(rule, values, end, e.OccurredAt, context, peerCounts, out var value, out var count, out var baseline) && MaySignal(rule.Rule, e, counters))
                {
                    var id = rule.Rule.Id;
                    if (cooling.TryGetValue(id, out var until) && end < until)
                    {
                        counters.CooledDown[id] = counters.CooledDown.GetValueOrDefault(id) + 1;
                        continue;
                    }

                    cooling[id] = end + rule.Rule.Definition.Cooldown;
                    var evidenceKey = rule.Rule.Definition.Aggregate is AggregateKind.Ratio or AggregateKind.Surprise ? rule.Key + ":n" : rule.Key;
                    firings.Add((i, new RuleFiring(rule.Rule, e, value, end, evidenceKey, rule.Group, count, baseline)));
                }
            }
        }
    }

    private static bool MaySignal(CompiledRule rule, RuleEvent e, EngineCounters counters)
    {
        if (rule.FireWhen is null)
        {
            return true;
        }

        try
        {
            return rule.FireWhen(e);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            counters.RuleFailed(rule.Id, ex);
            return false;
        }
    }

    private static bool Crossing(RulePlan plan, ReadOnlySpan<double> values, DateTimeOffset end, DateTimeOffset at, DecisionContext context, List<PeerCount> peerCounts, out double value, out double? count, out double? baseline)
    {
        var d = plan.Rule.Definition;
        count = null;
        baseline = null;
        value = values[0];
        if (d.Aggregate == AggregateKind.Surprise)
        {
            if (!PeerGroups.Applies(d))
            {
                return SurpriseTest.Crosses(d, d.Expected ?? 0, plan.Updates[0].Apply, values[0], values[1], out value, out count, out baseline);
            }

            // values: the window's numerator and denominator, then the history's.
            var band = PeerGroups.BandOf(values[3]);
            var rate = SurpriseTest.BlendedRate(d, values[0], values[1], values[2], values[3], context.Peers.RateOf(d.Id, band, at));
            var crosses = SurpriseTest.Crosses(d, rate, plan.Updates[0].Apply, values[0], values[1], out value, out count, out baseline);

            // A numerator event that makes its window unlikely (a burst) teaches the peers nothing: not
            // counted, so abusers do not raise the prior that judges them.
            var numerator = plan.Updates[0].Apply && !SurpriseTest.IsOutlier(values[0], baseline ?? 0, value);
            peerCounts.Add(new PeerCount(d.Id, band, PeerGroups.HourOf(at), numerator ? 1 : 0, plan.Updates[1].Apply ? 1 : 0));
            return crosses;
        }

        if (d.Aggregate == AggregateKind.Ratio)
        {
            // Fire on the events that move the numerator; the denominator only sets the scale.
            if (!plan.Updates[0].Apply)
            {
                return false;
            }

            count = values[1];
            value = values[1] > 0 ? values[0] / values[1] : 0;
            if (values[1] < Math.Max(1, d.Minimum))
            {
                return false;
            }
        }

        if (d.Baseline is { } b)
        {
            if (BaselineAverage.Of(d, b, values, new CreatorHistory(context.WatchedSince(d.StateKey), end)) is not { } average || values[0] <= b.Factor * average)
            {
                return false;
            }

            baseline = average;
        }

        return d.Threshold.IsMet(value);
    }
}
