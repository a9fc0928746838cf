using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Contracts;
using Governance.Testing;

namespace Governance.Alerting.IntegrationTests;

/// <summary>
/// The batch path: signals arriving together share one transaction (the writer lingers long enough here
/// for a burst to be one batch; PostgreSQL's now(), the rows' received_at / recorded_at, tells the
/// transactions apart), and what can go wrong in a batch stays with the signal at fault.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class BatchTests(RabbitMqServer rabbit)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    // Long enough for a test's burst of sends to land in one batch.
    private static readonly Dictionary<string, string?> OneBatch = new() { ["Alerting:Batch:TimeLimit"] = "00:00:01.500" };

    [Fact]
    public async Task TwoSignalsOfOneCreatorInOneBatchAreAppliedInDeliveryOrder()
    {
        var names = TestNames.Create();
        try
        {
            await using var host = await AlertingHost.StartAsync(rabbit, names, OneBatch);
            // Delivery order differs from event time on purpose: the batch applies them as delivered.
            var first = Signals.Create("c1", "payment-ring", "critical", minute: 30);
            var second = Signals.Create("c1", "refund-burst", "medium", minute: 10);
            var third = Signals.Create("c1", "order-surge", "high", minute: 40);
            await Signals.SendAsync(rabbit, names.Input, first, second, third, Signals.Create("c2", "payment-ring", "critical"));
            var got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 2, Wait);

            Assert.Equal(1L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(DISTINCT received_at) FROM inbox"));
            // Three revisions in one batch: each is in the history, only the last is sent (it carries the
            // others' signals, oldest window first).
            var c1 = Assert.Single(got, m => m.Message.CreatorId == "c1");
            Assert.Equal(3, c1.Message.Revision);
            Assert.Equal([second.SignalId, first.SignalId, third.SignalId], c1.Message.Signals.Select(s => s.SignalId));
            Assert.Equal(
                [first.SignalId, second.SignalId, third.SignalId],
                await Database.QueryAsync<string>(names.Schema, "SELECT h.signal_id FROM alert_history h JOIN alerts a USING (alert_id) WHERE a.creator_id = 'c1' ORDER BY h.revision"));
            Assert.Equal(1L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM outbox WHERE creator_id = 'c1'"));
            // The score as if applied one by one: 100 at minute 30; the older medium arrives decayed by 20 minutes; then 40 - 30 minutes of decay and a high.
            var afterSecond = 100 + 25 * Math.Pow(2, -20.0 / 60 / 12);
            var scores = await Database.QueryAsync<double>(names.Schema, "SELECT h.score FROM alert_history h JOIN alerts a USING (alert_id) WHERE a.creator_id = 'c1' ORDER BY h.revision");
            Assert.Equal(afterSecond, scores[1], 2);
            Assert.Equal(afterSecond * Math.Pow(2, -10.0 / 60 / 12) + 50, c1.Message.Score, 2);
            Assert.Equal(3, await Database.ScalarAsync<int>(names.Schema, "SELECT revision FROM alerts WHERE creator_id = 'c1'"));
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    [Fact]
    public async Task ARevisionSupersededBeforeItWasSentIsNotSent()
    {
        var names = TestNames.Create();
        try
        {
            // The dispatcher waits 3 s after being told of a revision: the second signal's revision,
            // written by a later batch, is in the outbox before the first is sent.
            await using var host = await AlertingHost.StartAsync(rabbit, names, new Dictionary<string, string?> { ["Alerting:Outbox:DispatchDelay"] = "00:00:03" });
            var first = Signals.Create("c1", "payment-ring", "critical", minute: 10);
            var second = Signals.Create("c1", "refund-burst", "high", minute: 20);
            await Signals.SendAsync(rabbit, names.Input, first);
            Assert.True(await Database.WaitForAsync(async () => await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM outbox") >= 1, Wait), "the first revision was not written");

            await Signals.SendAsync(rabbit, names.Input, second);
            var got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Any(r => r.Message.Revision == 2), Wait);

            var only = Assert.Single(got);
            Assert.Equal(2, only.Message.Revision);
            Assert.Equal([first.SignalId, second.SignalId], only.Message.Signals.Select(s => s.SignalId));
            // Both rows are done (the superseded one marked sent too) once the dispatcher commits.
            Assert.True(await Database.WaitForAsync(async () => await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0, Wait), "the dispatcher did not mark both rows");
            Assert.Equal(2L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL"));
            Assert.Equal([1], await Database.QueryAsync<int>(names.Schema, "SELECT revision FROM outbox WHERE superseded"));
            Assert.Equal(2L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM alert_history"));
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    [Fact]
    public async Task RedeliveredBatchChangesNothing()
    {
        var names = TestNames.Create();
        try
        {
            await using var host = await AlertingHost.StartAsync(rabbit, names, OneBatch);
            RiskSignalDetected[] batch =
            [
                Signals.Create("c1", "payment-ring", "critical"), Signals.Create("c1", "refund-burst", "medium", minute: 5),
                Signals.Create("c2", "refund-burst", "high"), Signals.Create("c2", "order-surge", "medium", minute: 3),
                Signals.Create("c3", "refund-burst", "low"), Signals.Create("c4", "new-rule", "critical", mode: "shadow"),
            ];
            await Signals.SendAsync(rabbit, names.Input, batch);

            // c1 and c2 each reach revision 2 in the batch; only that revision is sent.
            var got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 2, Wait);
            var before = await CountsAsync(names.Schema);

            // The whole batch again (as after a crash before the acknowledgements), then a positive control
            // that opens an alert: signals are applied in delivery order, so once its alert arrives the copies were handled.
            await Signals.SendAsync(rabbit, names.Input, [.. batch.Select(s => s with { DetectedAt = DateTimeOffset.UtcNow })]);
            await Signals.SendAsync(rabbit, names.Input, Signals.Create("c3", "chargeback-ratio", "critical", minute: 10));
            got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Any(a => a.Message.CreatorId == "c3"), Wait, got);
            await Task.Delay(500);
            got = await AlertQueue.TakeAsync(rabbit, names.Alerts, _ => false, TimeSpan.Zero, got);

            Assert.Equal(3, got.Count);
            Assert.Equal([("c1", 2), ("c2", 2), ("c3", 1)], got.Select(m => (m.Message.CreatorId, m.Message.Revision)).Order());
            var after = await CountsAsync(names.Schema);
            Assert.Equal(before with { Signals = before.Signals + 1, Inbox = before.Inbox + 1, History = before.History + 1, Outbox = before.Outbox + 1, Alerts = before.Alerts + 1 }, after);
            Assert.Equal(100.0, await Database.ScalarAsync<double>(names.Schema, "SELECT shadow_score FROM creators WHERE creator_id = 'c4'"), 6);
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    [Fact]
    public async Task InvalidSignalInABatchGoesToTheErrorQueueAloneWithItsReason()
    {
        var names = TestNames.Create();
        try
        {
            await using var host = await AlertingHost.StartAsync(rabbit, names, OneBatch);
            var good = Enumerable.Range(0, 20).Select(i => Signals.Create($"g{i}", "payment-ring", "critical")).ToList();
            var poison = Signals.Create("p1", "payment-ring", "catastrophic");
            await Signals.SendAsync(rabbit, names.Input, [.. good.Take(10), poison, .. good.Skip(10)]);

            var got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 20, Wait);
            var faulted = await ErrorQueue.TakeAsync(rabbit, names.Input + "_error", Wait);

            Assert.Equal(20, got.Select(m => m.Message.CreatorId).Distinct().Count());
            Assert.NotNull(faulted);
            Assert.Contains("catastrophic", ErrorQueue.Header(faulted, "MT-Fault-Message"), StringComparison.Ordinal);
            Assert.Equal(poison.SignalId, ErrorQueue.SignalId(faulted));
            Assert.Null(await ErrorQueue.TakeAsync(rabbit, names.Input + "_error", TimeSpan.FromSeconds(1)));
            // The good ones were one transaction; the poison never reached the database.
            Assert.Equal(1L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(DISTINCT received_at) FROM inbox"));
            Assert.Equal(0L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM inbox WHERE signal_id = @id", new { id = poison.SignalId }));
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    [Fact]
    public async Task SignalTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchCommits()
    {
        var names = TestNames.Create();
        try
        {
            await using var host = await AlertingHost.StartAsync(rabbit, names, OneBatch);
            var good = Enumerable.Range(0, 10).Select(i => Signals.Create($"g{i}", "payment-ring", "critical")).ToList();
            // Valid to the consumer, refused by PostgreSQL (rule_version is NOT NULL): the whole batch fails
            // once, then its signals are applied one by one and only this one fails.
            var refused = JsonSerializer.SerializeToNode(Signals.Create("p1", "payment-ring", "critical"), GovernanceJsonContext.Default.RiskSignalDetected)!.AsObject();
            refused["ruleVersion"] = null;
            var messages = good.Select(s => JsonSerializer.SerializeToElement(s, GovernanceJsonContext.Default.RiskSignalDetected)).ToList();
            messages.Insert(5, JsonSerializer.SerializeToElement(refused));
            await Signals.SendRawAsync(rabbit, names.Input, "RiskSignalDetected", messages);

            var got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 10, Wait);
            var faulted = await ErrorQueue.TakeAsync(rabbit, names.Input + "_error", Wait);

            Assert.Equal(10, got.Select(m => m.Message.CreatorId).Distinct().Count());
            Assert.DoesNotContain(got, m => m.Message.CreatorId == "p1");
            Assert.NotNull(faulted);
            Assert.Contains("rule_version", ErrorQueue.Header(faulted, "MT-Fault-Message"), StringComparison.Ordinal);
            Assert.Equal("p1:payment-ring:0", ErrorQueue.SignalId(faulted));
            Assert.Equal(10L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM signals"));
            Assert.Equal(0L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM inbox WHERE signal_id = 'p1:payment-ring:0'"));
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    private sealed record Counts(long Signals, long Inbox, long Alerts, long History, long Outbox, double ScoreC1);

    private static async Task<Counts> CountsAsync(string schema) => new(
        await Database.ScalarAsync<long>(schema, "SELECT count(*) FROM signals"),
        await Database.ScalarAsync<long>(schema, "SELECT count(*) FROM inbox"),
        await Database.ScalarAsync<long>(schema, "SELECT count(*) FROM alerts"),
        await Database.ScalarAsync<long>(schema, "SELECT count(*) FROM alert_history"),
        await Database.ScalarAsync<long>(schema, "SELECT count(*) FROM outbox"),
        await Database.ScalarAsync<double>(schema, "SELECT score FROM creators WHERE creator_id = 'c1'"));
}
