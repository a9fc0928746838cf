using System.Globalization;

namespace Governance.Cli.Watch;

/// <summary>The end of a watch: detection quality against the truth (when there is one) and the reconciliation.</summary>
internal sealed record WatchSummary(TimeSpan Elapsed, Detection? Detection, string? NoDetection, Reconciliation Reconciliation)
{
    /// <summary>The summary as printed, one line each.</summary>
    public IEnumerable<string> Lines()
    {
        yield return I($"== summary after {Format(Elapsed)}");
        if (Detection is { } d)
        {
            yield return I($"alerts vs ground truth (creators {d.Scope}*): flagged {d.Flagged} (TP {d.TruePositives}, FP {d.FalsePositives}) · precision {Ratio(d.Precision)} · recall {Ratio(d.Recall)} ({d.Caught} of {d.Abusive} abusive{Excluded(d)})");
            yield return d.Timed > 0
                ? I($"first abusive event → alert in the queue (wall clock): p50 {Format(d.LatencyP50)} · p95 {Format(d.LatencyP95)} ({d.Timed} creators)")
                : "first abusive event → alert in the queue (wall clock): – (no abusive creator alerted after its abuse began)";
        }
        else
        {
            yield return $"alerts vs ground truth: not scored ({NoDetection})";
        }

        yield return "reconciliation:";
        foreach (var line in Reconciliation.Lines)
        {
            yield return "  " + line.Text;
        }
    }

    /// <summary>Seconds with one decimal under a minute (p50 1.8 s), else minutes and seconds.</summary>
    public static string Format(TimeSpan? value) => value switch
    {
        null => "–",
        { TotalSeconds: < 60 } v => I($"{v.TotalSeconds:0.0} s"),
        { TotalHours: < 1 } v => I($"{(int)v.TotalMinutes}m{v.Seconds:00}s"),
        { } v => I($"{(int)v.TotalHours}h{v.Minutes:00}m{v.Seconds:00}s"),
    };

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Excluded(Detection d)
    {
        var parts = new List<string>();
        if (d.NotBegun > 0)
        {
            parts.Add(I($"{d.NotBegun} not begun"));
        }

        if (d.ShadowOnly > 0)
        {
            parts.Add(I($"{d.ShadowOnly} of shadow-rule patterns"));
        }

        return parts.Count == 0 ? "" : "; left out: " + string.Join(", ", parts);
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What a watch ended with: its summary, the lags when it was taken, and the final counts (dead letters by reason …).</summary>
internal sealed record WatchResult(WatchSummary Summary, Lags Lags, WatchSnapshot Final);
