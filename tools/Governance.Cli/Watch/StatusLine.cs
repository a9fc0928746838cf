using System.Globalization;

namespace Governance.Cli.Watch;

/// <summary>The plain status line printed every few seconds when stdout is not a terminal.</summary>
internal static class StatusLine
{
    private const int RulesShown = 5;
    private const int ReasonLength = 100;

    public static string Render(WatchSnapshot s, string language)
    {
        ArgumentNullException.ThrowIfNull(s);
        var parts = new List<string>
        {
            I($"{(int)s.Elapsed.TotalHours:00}:{s.Elapsed.Minutes:00}:{s.Elapsed.Seconds:00} in {s.InputRate:0}/s ({s.Input:N0})"),
            I($"normalized {s.Normalized:N0}"),
            I($"dead-lettered {s.DeadLetteredTotal:N0}") + List(s.DeadLettered.Select(d => (d.Reason, d.Count)), int.MaxValue),
            I($"signals {s.Signals:N0}") + List(s.SignalsByRule.Select(r => (r.Mode == "shadow" ? r.Rule + " (shadow)" : r.Rule, r.Count)), RulesShown),
            I($"alerts {s.Alerts:N0}") + List(s.AlertsByPriority.Select(a => (a.Priority, a.Count)), int.MaxValue),
            I($"lag ingestion {Lag(s.Lags.Ingestion)}, signals {Lag(s.Lags.Signals)}, alerting {Lag(s.Lags.Alerting)}"),
        };
        if (s.DeadLetteredLater.Count > 0)
        {
            parts.Insert(3, "late" + List(s.DeadLetteredLater.Select(d => (d.Reason, d.Count)), int.MaxValue));
        }

        if (s.Latest.Count > 0)
        {
            var a = s.Latest[0];
            parts.Add(I($"latest {a.CreatorId} {a.Priority}: {Shorten(a.Reason(language))}"));
        }

        if (s.Problem is { } problem)
        {
            parts.Add("! " + problem);
        }

        return string.Join(" · ", parts);
    }

    private static string List(IEnumerable<(string Name, long Count)> items, int most)
    {
        var all = items.ToList();
        if (all.Count == 0)
        {
            return "";
        }

        var shown = string.Join(", ", all.Take(most).Select(i => I($"{i.Name} {i.Count:N0}")));
        return " (" + shown + (all.Count > most ? I($", +{all.Count - most} more") : "") + ")";
    }

    private static string Lag(long? lag) => lag is { } l ? l.ToString("N0", CultureInfo.InvariantCulture) : "?";

    private static string Shorten(string text) => text.Length <= ReasonLength ? text : text[..(ReasonLength - 1)] + "…";

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
