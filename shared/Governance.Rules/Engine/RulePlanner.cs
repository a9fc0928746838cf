using Governance.Rules.Model;
using Governance.Rules.Windows;

namespace Governance.Rules.Engine;

/// <summary>Which rules an event matches and the window updates each asks for: the state-free half of an evaluation.</summary>
internal static class RulePlanner
{
    private const int SeriesBuckets = 60;

    /// <summary>The plans of the rules <paramref name="e"/> matches; a rule that throws counts as not matching and is counted.</summary>
    public static List<RulePlan> PlanEvent(RulePack pack, RuleEvent e, EngineCounters counters)
    {
        var planned = new List<RulePlan>();
        foreach (var rule in pack.Rules)
        {
            if (!rule.Accepts(e.Source))
            {
                continue;
            }

            try
            {
                if (rule.When(e) && PlanRule(rule, e) is { } plan)
                {
                    planned.Add(plan);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One bad event must not stop the worker: the rule is false for it, and the error is counted.
                counters.RuleFailed(rule.Id, ex);
            }
        }

        return planned;
    }

    private static RulePlan? PlanRule(CompiledRule rule, RuleEvent e)
    {
        var d = rule.Definition;
        string? group = null;
        if (rule.GroupKey is not null)
        {
            group = rule.GroupKey(e);
            if (group is null)
            {
                return null;
            }
        }

        var key = StateKeys.Of(d, group);
        // Exactly sized: a batch plans thousands of these.
        var pair = d.Aggregate is AggregateKind.Ratio or AggregateKind.Surprise;
        var updates = new StateUpdate[(pair ? 2 : 1) * (d.Baseline is null ? 1 : 2)];
        switch (d.Aggregate)
        {
            case AggregateKind.Count:
                updates[0] = Series(key, d.Window, 1, apply: true);
                break;
            case AggregateKind.Sum:
                if (rule.Amount!(e) is not { } amount || !double.IsFinite(amount))
                {
                    return null;
                }

                updates[0] = Series(key, d.Window, amount, apply: true);
                break;
            case AggregateKind.Distinct:
                if (rule.Item!(e) is not { } item)
                {
                    return null;
                }

                updates[0] = new StateUpdate(UpdateKind.Distinct, key, d.Window, SeriesBuckets, 0, item, Apply: true, KeepEvidence: true);
                break;
            case AggregateKind.Ratio or AggregateKind.Surprise:
                var numerator = rule.Numerator!(e);
                var denominator = rule.Denominator!(e);
                if (!numerator && !denominator)
                {
                    return null;
                }

                updates[0] = Series(key + ":n", d.Window, 1, numerator);
                updates[1] = Series(key + ":d", d.Window, 1, denominator) with { KeepEvidence = denominator && !numerator };
                break;
        }

        if (d.Baseline is { } baseline)
        {
            // The history: one series per series of the window over the baseline's span (a surprise
            // rule's numerator and denominator, a count or sum's value). Count and sum average it per
            // window, so it has a bucket per window; a surprise rule reads only its totals, so coarser
            // buckets (less state) do.
            var windows = (int)(baseline.History.Ticks / d.Window.Ticks);
            var buckets = d.Aggregate == AggregateKind.Surprise ? Math.Min(windows, SeriesBuckets / 2) : windows;
            var own = pair ? 2 : 1;
            for (var i = 0; i < own; i++)
            {
                updates[own + i] = new StateUpdate(UpdateKind.Series, updates[i].Key + ":h", baseline.History, buckets, updates[i].Delta, null, updates[i].Apply, KeepEvidence: false);
            }
        }

        if (group is not null)
        {
            for (var i = 0; i < updates.Length; i++)
            {
                updates[i] = updates[i] with { Family = d.StateKey };
            }
        }

        return new RulePlan(rule, group, key, updates);
    }

    private static StateUpdate Series(string key, TimeSpan window, double delta, bool apply) =>
        new(UpdateKind.Series, key, window, SeriesBuckets, delta, null, apply, KeepEvidence: apply);
}
