using Governance.Rules.Model;

namespace Governance.Rules.Engine;

/// <summary>A count or sum rule's baseline: the creator's own rate per window before the current one.</summary>
internal static class BaselineAverage
{
    /// <summary>
    /// The creator's rate per window before the current one (<paramref name="values"/>: the window's value
    /// first, the history's total last), or null when nothing before the window was observed.
    /// </summary>
    public static double? Of(RuleDefinition rule, Baseline baseline, ReadOnlySpan<double> values, CreatorHistory history)
    {
        // Observed: the time before the window since the rule's state began watching (the deployment's
        // start, or the batch that brought a rule added or edited later; at most the history before
        // the window). A creator with no events in that time was watched and was quiet; it
        // need not have been seen, so a new or dormant account's surge fires once the deployment
        // has watched for a while, not three windows after the creator's first event.
        var before = Math.Min((history.WindowEnd - rule.Window - history.Epoch).Ticks, (baseline.History - rule.Window).Ticks);
        if (before <= 0)
        {
            return null;
        }

        // One pseudo-event over the observed time: the rate a short observation cannot rule out.
        // Fifteen quiet minutes allow a rate of 4 an hour (a surge must exceed factor × 4), two quiet
        // hours 0.5; a busy shop seen for the first minutes of a deployment gets a high rate, not
        // the zero that would make its ordinary hour a "surge". The deployment's first instants
        // (nothing observed yet) stay silent: they say nothing about anyone's usual rate.
        var observedWindows = (double)before / rule.Window.Ticks;
        return (Math.Max(0, values[^1] - values[0]) + 1) / observedWindows;
    }
}
