using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Governance.Cli.Watch;

/// <summary>The Spectre.Console live display of a snapshot: flow, dead letters, signals, alerts, lag, latest alerts.</summary>
internal static class LiveView
{
    public static IRenderable Render(WatchSnapshot s, string title, string language)
    {
        ArgumentNullException.ThrowIfNull(s);
        var flow = Table("flow", "", "").HideHeaders();
        flow.AddRow("events in / s", N(s.InputRate, "0"));
        flow.AddRow("events in", N(s.Input));
        flow.AddRow("normalized", N(s.Normalized));
        flow.AddRow("dead-lettered", N(s.DeadLetteredTotal));
        flow.AddRow("signals", N(s.Signals));
        flow.AddRow("alerts", N(s.Alerts));
        flow.AddRow("alert revisions", N(s.Revisions));

        var dead = Table("dead-lettered by reason", "reason", "records");
        foreach (var (reason, count) in s.DeadLettered)
        {
            dead.AddRow(Markup.Escape(reason), N(count));
        }

        foreach (var (reason, count) in s.DeadLetteredLater)
        {
            dead.AddRow(Markup.Escape(reason) + " [grey](signals)[/]", N(count));
        }

        var signals = Table("signals by rule", "rule", "signals");
        foreach (var (rule, mode, count) in s.SignalsByRule.Take(14))
        {
            signals.AddRow(Markup.Escape(rule) + (mode == "shadow" ? " [grey](shadow)[/]" : ""), N(count));
        }

        var alerts = Table("alerts by priority", "priority", "alerts");
        foreach (var (priority, count) in s.AlertsByPriority)
        {
            alerts.AddRow(Markup.Escape(priority), N(count));
        }

        var lag = Table("consumer lag", "service", "behind");
        lag.AddRow("ingestion", Lag(s.Lags.Ingestion));
        lag.AddRow("signals", Lag(s.Lags.Signals));
        lag.AddRow("alerting (queue)", Lag(s.Lags.Alerting));

        var latest = new Table().Border(TableBorder.Rounded).Title("latest alerts").Expand()
            .AddColumns("received", "creator", "priority", "score", "rev", language == "es" ? "motivo" : "reason");
        foreach (var a in s.Latest)
        {
            latest.AddRow(
                a.ReceivedAt.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                Markup.Escape(a.CreatorId),
                "[yellow]" + Markup.Escape(a.Priority) + "[/]",
                N(a.Score, "0.0"),
                a.Revision.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(a.Reason(language)));
        }

        var header = new Markup($"[bold]{Markup.Escape(title)}[/]  {(int)s.Elapsed.TotalHours:00}:{s.Elapsed.Minutes:00}:{s.Elapsed.Seconds:00}  {(s.Settling ? "[yellow]draining before the summary (Ctrl-C skips)[/]" : "[grey]Ctrl-C ends with a summary[/]")}"
            + (s.Problem is { } p ? $"\n[red]{Markup.Escape(p)}[/]" : ""));
        return new Rows(
            header,
            new Columns(flow, dead, signals, new Rows(alerts, lag)) { Expand = false },
            latest);
    }

    private static Table Table(string title, string first, string second) =>
        new Table().Border(TableBorder.Rounded).Title(title).AddColumn(first).AddColumn(new TableColumn(second).RightAligned());

    private static string N(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Lag(long? lag) => lag is { } l ? N(l) : "[grey]?[/]";
}
