using System.Diagnostics.Metrics;
using System.Text.Json;
using Governance.Alerting.Storage;
using Governance.Contracts;
using Governance.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Governance.Alerting.IntegrationTests;

/// <summary>
/// Retention against the real PostgreSQL, as the service's own role: rows written by the service as it runs,
/// then pruning rounds on a fake clock moved past each retention in turn (Alerting:Retention defaults: sent
/// outbox 7 days, unattached signals and inbox 30, closed alerts 90), one row per DELETE.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class RetentionTests(RabbitMqServer rabbit)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string?> OneRowPerDelete = new() { ["Alerting:Retention:BatchSize"] = "1" };

    [Fact]
    public async Task OldRowsGoWhileRecentRowsOpenAlertsAndTheAuditStay()
    {
        var names = TestNames.Create();
        try
        {
            await using var host = await AlertingHost.StartAsync(rabbit, names, OneRowPerDelete);
            // An alert that will be decided, one that stays open, and two signals that never join an alert.
            await Signals.SendAsync(rabbit, names.Input,
                Signals.Create("decided", "payment-ring", "critical"),
                Signals.Create("open", "payment-ring", "critical"),
                Signals.Create("scored", "refund-ratio", "low"),
                Signals.Create("shadowed", "off-platform-payment", "high", mode: "shadow"));
            var alerts = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 2, Wait);
            var decided = alerts.Single(a => a.Message.CreatorId == "decided").Message.AlertId;
            await DecideAsync(names.Decisions, decided);
            Assert.True(await Database.WaitForAsync(async () => await Count(names, "outbox WHERE sent_at IS NOT NULL") == 2 && await Count(names, "alerts WHERE status = 'decided'") == 1, Wait));
            var before = await TablesAsync(names);
            Assert.Equal(new Tables(Inbox: 4, Signals: 4, History: 2, Outbox: 2, Decisions: 1, Alerts: 2, Creators: 4), before);

            var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1));
            var pruner = Pruner(host, time);

            time.Advance(TimeSpan.FromDays(1));
            Assert.Equal(new PrunedRows(0, 0, 0, 0, 0), await pruner.PruneAsync(CancellationToken.None));
            Assert.Equal(before, await TablesAsync(names));

            time.Advance(TimeSpan.FromDays(7));
            Assert.Equal(new PrunedRows(Outbox: 2, 0, 0, 0, 0), await pruner.PruneAsync(CancellationToken.None));
            Assert.Equal(before with { Outbox = 0 }, await TablesAsync(names));

            // 31 days: the signals that joined no alert go, and then their inbox rows; the alerts' stay.
            time.Advance(TimeSpan.FromDays(23));
            Assert.Equal(new PrunedRows(0, Signals: 2, 0, 0, Inbox: 2), await pruner.PruneAsync(CancellationToken.None));
            Assert.Equal(before with { Outbox = 0, Signals = 2, Inbox = 2 }, await TablesAsync(names));
            Assert.Equal(["decided:payment-ring:0", "open:payment-ring:0"], await Database.QueryAsync<string>(names.Schema, "SELECT signal_id FROM inbox ORDER BY signal_id"));

            // 91 days: the decided alert's signals, history and inbox row go; the alert, its decision and the open alert stay.
            time.Advance(TimeSpan.FromDays(60));
            Assert.Equal(new PrunedRows(0, Signals: 1, History: 1, Alerts: 1, Inbox: 1), await pruner.PruneAsync(CancellationToken.None));
            Assert.Equal(new Tables(Inbox: 1, Signals: 1, History: 1, Outbox: 0, Decisions: 1, Alerts: 2, Creators: 4), await TablesAsync(names));
            Assert.Equal("open", await Database.ScalarAsync<string>(names.Schema, "SELECT creator_id FROM signals"));
            Assert.Equal("violation_confirmed", await Database.ScalarAsync<string>(names.Schema, "SELECT decision FROM decisions"));
            Assert.Equal(1L, await Count(names, "alerts WHERE details_pruned_at IS NOT NULL AND creator_id = 'decided'"));
            var show = await CliRun.RunAsync(["alerts", "show", decided, "--db", PostgresServer.ReadOnlyConnectionString(), "--schema", names.Schema]);
            Assert.Contains("signals and history pruned", show.Out, StringComparison.Ordinal);
            Assert.Contains("violation_confirmed", show.Out, StringComparison.Ordinal);

            // Nothing is left to do: a later round deletes nothing.
            Assert.Equal(new PrunedRows(0, 0, 0, 0, 0), await pruner.PruneAsync(CancellationToken.None));
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    /// <summary>
    /// What a redelivery finds: while a signal's row is kept its inbox row is too, and the repeat is a duplicate;
    /// once both are pruned the repeat is taken as new, stored again and counted again in its creator's score.
    /// </summary>
    [Fact]
    public async Task AClosedAlertsSignalsStayWhileARevisionOfItIsStillToSend()
    {
        var names = TestNames.Create();
        try
        {
            // The dispatcher sends on notice only (no polling within the test), so a row marked unsent stays so.
            await using var host = await AlertingHost.StartAsync(rabbit, names, new Dictionary<string, string?>(OneRowPerDelete) { ["Alerting:Outbox:PollInterval"] = "01:00:00" });
            await Signals.SendAsync(rabbit, names.Input, Signals.Create("stuck", "payment-ring", "critical"));
            var alert = Assert.Single(await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 1, Wait)).Message.AlertId;
            await DecideAsync(names.Decisions, alert);
            Assert.True(await Database.WaitForAsync(async () => await Count(names, "alerts WHERE status = 'decided'") == 1, Wait));
            // A revision the dispatcher could not send for the whole retention (RabbitMQ away): it reads its signals from the table.
            await Database.ScalarAsync<long>(names.Schema, "UPDATE outbox SET sent_at = NULL RETURNING outbox_id");

            var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(91));
            var pruner = Pruner(host, time);
            Assert.Equal(new PrunedRows(0, 0, History: 1, 0, 0), await pruner.PruneAsync(CancellationToken.None));
            Assert.Equal(1L, await Count(names, "signals"));

            await Database.ScalarAsync<long>(names.Schema, "UPDATE outbox SET sent_at = now() RETURNING outbox_id");
            Assert.Equal(new PrunedRows(Outbox: 1, Signals: 1, 0, Alerts: 1, Inbox: 1), await pruner.PruneAsync(CancellationToken.None));
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    [Fact]
    public async Task ASignalRedeliveredAfterItsRowsWerePrunedIsTakenAsNew()
    {
        var names = TestNames.Create();
        try
        {
            await using var host = await AlertingHost.StartAsync(rabbit, names);
            using var outcomes = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), AlertingTelemetry.Name, "governance.alerting.signals");
            var signal = Signals.Create("again", "refund-ratio", "low");
            await Signals.SendAsync(rabbit, names.Input, signal);
            Assert.True(await Database.WaitForAsync(async () => await Count(names, "signals") == 1, Wait));
            var score = await Database.ScalarAsync<double>(names.Schema, "SELECT score FROM creators");

            // Positive control: redelivered while its rows are kept, it changes nothing.
            await Signals.SendAsync(rabbit, names.Input, signal);
            Assert.True(await Database.WaitForAsync(() => Task.FromResult(Outcomes(outcomes, "duplicate") == 1), Wait), "the redelivery was not taken as a duplicate");
            Assert.Equal(score, await Database.ScalarAsync<double>(names.Schema, "SELECT score FROM creators"));

            var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(31));
            Assert.Equal(new PrunedRows(0, Signals: 1, 0, 0, Inbox: 1), await Pruner(host, time).PruneAsync(CancellationToken.None));

            await Signals.SendAsync(rabbit, names.Input, signal);
            Assert.True(await Database.WaitForAsync(async () => await Count(names, "signals") == 1 && await Count(names, "inbox") == 1, Wait), "the redelivered signal was not stored again");
            Assert.Equal(2, Outcomes(outcomes, "scored"));
            Assert.Equal(2 * score, await Database.ScalarAsync<double>(names.Schema, "SELECT score FROM creators"), 9);
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    [Fact]
    public async Task AnUnattachedSignalRetentionShorterThanThePolicysLookbackStopsTheStart()
    {
        var names = TestNames.Create();
        try
        {
            var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => AlertingHost.StartAsync(rabbit, names, new Dictionary<string, string?> { ["Alerting:Retention:UnattachedSignals"] = "3.00:00:00" }));
            Assert.Contains("Alerting:Retention:UnattachedSignals (3.00:00:00) must be at least the escalation policy's lookback (7.00:00:00)", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    /// <summary>A pruner like the host's (its data source: the service role, the test's schema), on <paramref name="time"/>.</summary>
    private static RetentionPruner Pruner(AlertingHost host, TimeProvider time) => new(
        host.Services.GetRequiredService<NpgsqlDataSource>(),
        host.Services.GetRequiredService<IOptions<AlertingOptions>>(),
        host.Services.GetRequiredService<AlertingTelemetry>(),
        time,
        NullLogger<RetentionPruner>.Instance);

    private Task DecideAsync(string queue, string alertId)
    {
        var decision = new ModerationDecision { AlertId = alertId, Decision = "violation_confirmed", ModeratorId = "mod-1", DecidedAt = DateTimeOffset.UtcNow };
        return Signals.SendRawAsync(rabbit, queue, "ModerationDecision", [JsonSerializer.SerializeToElement(decision, GovernanceJsonContext.Default.ModerationDecision)]);
    }

    private static long Outcomes(MetricCollector<long> collector, string outcome) =>
        collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags["outcome"], outcome)).Sum(m => m.Value);

    private static Task<long> Count(TestNames names, string from) => Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM " + from);

    private static async Task<Tables> TablesAsync(TestNames names) => new(
        await Count(names, "inbox"), await Count(names, "signals"), await Count(names, "alert_history"), await Count(names, "outbox"),
        await Count(names, "decisions"), await Count(names, "alerts"), await Count(names, "creators"));

    private sealed record Tables(long Inbox, long Signals, long History, long Outbox, long Decisions, long Alerts, long Creators);
}
