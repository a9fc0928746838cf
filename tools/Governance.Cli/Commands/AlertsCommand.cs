using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Governance.Cli.Alerts;
using Governance.Contracts;
using Spectre.Console;

namespace Governance.Cli.Commands;

/// <summary><c>governance alerts tail|show|decide</c>: what moderators see, and their verdicts.</summary>
internal static class AlertsCommand
{
    public static Command Create()
    {
        var db = AlertsDatabase.ConnectionOption();
        var schema = AlertsDatabase.SchemaOption();
        var lang = new Option<string>("--lang") { Description = "Language of the reasons: en or es.", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong("en", "es");
        var limit = new Option<int?>("--limit") { Description = "Stop after this many alert revisions (default: run until Ctrl-C)." };
        var since = new Option<int>("--last") { Description = "Show this many recent revisions first.", DefaultValueFactory = _ => 10 };
        var alertId = new Argument<Guid>("ALERT_ID") { Description = "The alert's id." };
        var decision = new Option<string>("--decision") { Description = "confirmed | dismissed | needs_more_info.", Required = true };
        decision.AcceptOnlyFromAmong(DecisionNames.Accepted);
        var note = new Option<string?>("--note") { Description = "Why (free text)." };
        var moderator = new Option<string>("--moderator") { Description = "The moderator's id.", Required = true };
        var rabbit = new Option<string>("--rabbitmq") { Description = "RabbitMQ host (user and password from RabbitMq__Username / RabbitMq__Password).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--rabbitmq-port") { Description = "RabbitMQ AMQP port.", DefaultValueFactory = _ => 5672 };
        var queue = new Option<string>("--queue") { Description = "The decisions queue.", DefaultValueFactory = _ => "moderation.decisions" };

        var tail = new Command("tail", "Follow alerts as they are sent: creator, priority, score, reasons.") { db, schema, lang, limit, since };
        tail.SetAction((p, token) => TailAsync(p.GetValue(db)!, p.GetValue(schema)!, p.GetValue(lang)!, p.GetValue(limit), p.GetValue(since), token));

        var show = new Command("show", "One alert: signals, evidence event ids, history, decisions.") { alertId, db, schema, lang };
        show.SetAction((p, token) => ShowAsync(p.GetValue(alertId), p.GetValue(db)!, p.GetValue(schema)!, p.GetValue(lang)!, token));

        var decide = new Command("decide", "Send a moderator's decision (closes the alert, feeds rule precision).") { alertId, decision, note, moderator, rabbit, port, queue };
        decide.SetAction((p, token) => DecideAsync(p.GetValue(alertId), p.GetValue(decision)!, p.GetValue(note), p.GetValue(moderator)!, p.GetValue(rabbit)!, p.GetValue(port), p.GetValue(queue)!, token));

        return new Command("alerts", "Alerts sent to moderators.") { tail, show, decide };
    }

    private static async Task<int> TailAsync(string db, string schema, string lang, int? limit, int last, CancellationToken cancellationToken)
    {
        await using var connection = await AlertsDatabase.OpenAsync(db, schema, cancellationToken);
        var console = Terminal.Current();
        var after = await connection.ExecuteScalarAsync<long>("SELECT coalesce(max(outbox_id), 0) FROM outbox") - last;
        var shown = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested && (limit is null || shown < limit))
            {
                // The outbox holds every revision sent (or about to be): what the moderation queue carries.
                var rows = await connection.QueryAsync<(long Id, string Payload)>(new CommandDefinition(
                    "SELECT outbox_id, payload::text FROM outbox WHERE outbox_id > @after ORDER BY outbox_id LIMIT 100", new { after }, cancellationToken: cancellationToken));
                foreach (var (id, payload) in rows)
                {
                    after = id;
                    var alert = JsonSerializer.Deserialize(payload, GovernanceJsonContext.Default.CreatorFlagged)!;
                    var reasons = lang == "es" ? alert.Reasons.Es : alert.Reasons.En;
                    console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                        $"[bold]{alert.FlaggedAt:u}[/] {Markup.Escape(alert.CreatorId)} [yellow]{Markup.Escape(alert.PriorityName ?? alert.Priority.ToString(CultureInfo.InvariantCulture))}[/] score {alert.Score:0.0} {alert.AlertId} rev {alert.Revision}"));
                    foreach (var reason in reasons)
                    {
                        console.MarkupLine("    " + Markup.Escape(reason));
                    }

                    if (limit is not null && ++shown >= limit)
                    {
                        return 0;
                    }
                }

                await Task.Delay(500, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C
        }

        return 0;
    }

    private static async Task<int> ShowAsync(Guid alertId, string db, string schema, string lang, CancellationToken cancellationToken)
    {
        await using var connection = await AlertsDatabase.OpenAsync(db, schema, cancellationToken);
        var alert = await connection.QuerySingleOrDefaultAsync<(string CreatorId, string Status, int Revision, string Priority, string Severity, double Score, DateTime OpenedAt, string? Decision, DateTime? PrunedAt)?>(new CommandDefinition(
            "SELECT creator_id, status, revision, priority, severity, score, opened_at, decision, details_pruned_at FROM alerts WHERE alert_id = @alertId", new { alertId }, cancellationToken: cancellationToken));
        if (alert is not { } a)
        {
            await Console.Error.WriteLineAsync($"alert {alertId} not found");
            return 1;
        }

        var console = Terminal.Current();
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold]alert {alertId}[/] creator {Markup.Escape(a.CreatorId)}: {a.Status}, revision {a.Revision}, priority {a.Priority}, severity {a.Severity}, score {a.Score:0.0}, opened {a.OpenedAt:u}"));
        if (a.PrunedAt is { } pruned)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]signals and history pruned {pruned:u} (Alerting:Retention:ClosedAlerts); the decisions are kept[/]"));
        }

        var signals = new Table().Title("signals").AddColumns("signal", "rule", "severity", "value", "window end", "evidence event ids", "reason");
        foreach (var payload in await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT payload::text FROM signals WHERE alert_id = @alertId ORDER BY window_end", new { alertId }, cancellationToken: cancellationToken)))
        {
            var s = JsonSerializer.Deserialize(payload, GovernanceJsonContext.Default.RiskSignalDetected)!;
            var reason = (lang == "es" ? s.Reasons?.Es : s.Reasons?.En) is { Count: > 0 } r ? r[0] : "";
            signals.AddRow(Markup.Escape(s.SignalId), Markup.Escape(s.RuleId), s.Severity, s.Value.ToString("0.##", CultureInfo.InvariantCulture), s.WindowEnd.ToString("u", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(" ", s.Evidence.Select(e => e.EventId))), Markup.Escape(reason));
        }

        console.Write(signals);
        var history = new Table().Title("history").AddColumns("revision", "change", "priority", "score", "signal", "recorded");
        foreach (var h in await connection.QueryAsync<(int Revision, string Change, string Priority, double Score, string? SignalId, DateTime RecordedAt)>(new CommandDefinition(
            "SELECT revision, change, priority, score, signal_id, recorded_at FROM alert_history WHERE alert_id = @alertId ORDER BY revision", new { alertId }, cancellationToken: cancellationToken)))
        {
            history.AddRow(h.Revision.ToString(CultureInfo.InvariantCulture), h.Change, h.Priority, h.Score.ToString("0.0", CultureInfo.InvariantCulture), Markup.Escape(h.SignalId ?? ""), h.RecordedAt.ToString("u", CultureInfo.InvariantCulture));
        }

        console.Write(history);
        var decisions = new Table().Title("decisions").AddColumns("decided", "decision", "moderator", "note");
        foreach (var d in await connection.QueryAsync<(DateTime DecidedAt, string Decision, string ModeratorId, string? Note)>(new CommandDefinition(
            "SELECT decided_at, decision, moderator_id, note FROM decisions WHERE alert_id = @alertId ORDER BY decided_at", new { alertId }, cancellationToken: cancellationToken)))
        {
            decisions.AddRow(d.DecidedAt.ToString("u", CultureInfo.InvariantCulture), d.Decision, Markup.Escape(d.ModeratorId), Markup.Escape(d.Note ?? ""));
        }

        console.Write(decisions);
        return 0;
    }

    private static async Task<int> DecideAsync(Guid alertId, string decision, string? note, string moderator, string rabbit, int port, string queue, CancellationToken cancellationToken)
    {
        var message = new ModerationDecision
        {
            AlertId = alertId.ToString("D"),
            Decision = DecisionNames.ToContract(decision),
            ModeratorId = moderator,
            DecidedAt = DateTimeOffset.UtcNow,
            Note = note,
        };
        await DecisionSender.SendAsync(message, rabbit, port, queue, cancellationToken);
        Console.WriteLine($"sent {message.Decision} on alert {message.AlertId} by {moderator} to {queue}");
        return 0;
    }
}
