using Governance.Rules.Model;

namespace Governance.Rules.Engine;

/// <summary>A count or sum rule's baseline: the creator's own average per window before the current one.</summary>
internal static class BaselineAverage
{
    // One earlier window is too noisy an average (a quiet first hour makes any busy hour a "surge").
    private const int MinimumObservedWindows = 3;

    /// <summary>
    /// The average per window of the history series (<paramref name="values"/>: the window's value first,
    /// the history's total last), or null when the creator has too little history to compare with.
    /// </summary>
    public static double? Of(RuleDefinition rule, Baseline baseline, ReadOnlySpan<double> values, CreatorHistory history)
    {
        // The average is taken over the creator's history actually observed (since its first
        // event, at most the baseline's history). A creator seen since the deployment began but
        // for fewer than three windows has too little history to compare with: silent. A creator
        // that first appeared three windows or more after the deployment began is new: its
        // average is zero, so a surge fires.
        var observedWindows = Math.Min((history.WindowEnd - history.FirstSeen).Ticks / rule.Window.Ticks, baseline.History.Ticks / rule.Window.Ticks);
        if (observedWindows >= MinimumObservedWindows)
        {
            return Math.Max(0, values[^1] - values[0]) / (observedWindows - 1);
        }

        return history.FirstSeen - history.Epoch >= MinimumObservedWindows * rule.Window ? 0 : null;
    }
}
