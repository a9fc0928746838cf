using System.Diagnostics;
using System.Text.Json;
using Governance.Contracts;
using Governance.Hosting;
using Governance.Testing;
using Npgsql;

namespace Governance.Alerting.IntegrationTests;

/// <summary>Signals in, alerts out, against the real RabbitMQ and PostgreSQL.</summary>
[Collection(ServersCollection.Name)]
public sealed class AlertFlowTests(RabbitMqServer rabbit)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CriticalSignalOpensOneAlertWithPriorityAndReasonsInBothLanguages()
    {
        var names = TestNames.Create();
        try
        {
            await using (var host = await AlertingHost.StartAsync(rabbit, names))
            {
                await Signals.SendAsync(rabbit, names.Input, Signals.Create("c1", "payment-ring", "critical"));
                var got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 1, Wait);

                var alert = Assert.Single(got);
                Assert.Equal(1, alert.Message.Revision);
                Assert.Equal("urgent", alert.Message.PriorityName);
                Assert.Equal(9, alert.Priority);
                Assert.Equal("critical", alert.Message.Severity);
                Assert.Contains("payment-ring fired", alert.Message.Reasons.En);
                Assert.Contains("payment-ring se activó", alert.Message.Reasons.Es);
                Assert.StartsWith("Puntuación de riesgo 100", alert.Message.Reasons.Es[0], StringComparison.Ordinal);
                Assert.Equal("c1:payment-ring:0", Assert.Single(alert.Message.Signals).SignalId);
                Assert.Equal(1L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM alerts WHERE status = 'open'"));
            }
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    [Fact]
    public async Task RedeliveredSignalChangesNothing()
    {
        var names = TestNames.Create();
        try
        {
            await using var host = await AlertingHost.StartAsync(rabbit, names);
            var first = Signals.Create("c1", "payment-ring", "critical");
            await Signals.SendAsync(rabbit, names.Input, first);
            var got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 1, Wait);

            // The same signal twice more, then a new one of the same creator: processed in order, so
            // when the new one's revision arrives the redeliveries have been handled.
            await Signals.SendAsync(rabbit, names.Input, first, first with { DetectedAt = DateTimeOffset.UtcNow }, Signals.Create("c1", "refund-burst", "medium", minute: 5));
            got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 2, Wait, got);
            await Task.Delay(500);
            got = await AlertQueue.TakeAsync(rabbit, names.Alerts, _ => false, TimeSpan.Zero, got);

            Assert.Equal([1, 2], got.Select(m => m.Message.Revision));
            Assert.Single(got.Select(m => m.Message.AlertId).Distinct());
            Assert.Equal(2L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM signals"));
            Assert.Equal(2L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM inbox"));
            Assert.Equal(2L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM alert_history"));
            Assert.Equal(2, await Database.ScalarAsync<int>(names.Schema, "SELECT revision FROM alerts"));
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    [Fact]
    public async Task EachRevisionIsSentInTheTraceOfTheSignalThatCausedIt()
    {
        var names = TestNames.Create();
        try
        {
            // No listener for MassTransit's spans here: the consumer keeps the trace the signal came in.
            await using var host = await AlertingHost.StartAsync(rabbit, names);
            var (opening, updating) = (ActivityTraceId.CreateRandom(), ActivityTraceId.CreateRandom());
            await Signals.SendInTraceAsync(rabbit, names.Input, Signals.Create("c1", "payment-ring", "critical"), TraceParent(opening));
            var got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 1, Wait);
            await Signals.SendInTraceAsync(rabbit, names.Input, Signals.Create("c1", "refund-burst", "high", minute: 5), TraceParent(updating));
            got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 2, Wait, got);

            Assert.Equal([1, 2], got.Select(m => m.Message.Revision));
            Assert.Equal(2, got[1].Message.Signals.Count);
            Assert.Equal(opening, TraceContext.Parse(got[0].TraceParent).TraceId);
            Assert.Equal(updating, TraceContext.Parse(got[1].TraceParent).TraceId);
            Assert.Equal(1L, await Database.ScalarAsync<long>(names.Schema, $"SELECT count(*) FROM outbox WHERE revision = 2 AND trace_parent LIKE '00-{updating.ToHexString()}-%'"));
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    [Fact]
    public async Task OneMediumSignalDoesNotEscalateButTwoRulesTogetherDo()
    {
        var names = TestNames.Create();
        try
        {
            await using var host = await AlertingHost.StartAsync(rabbit, names);
            await Signals.SendAsync(rabbit, names.Input, Signals.Create("c1", "inflated-list-price", "medium"));
            Assert.True(await Database.WaitForAsync(async () => await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM signals") == 1, Wait), "the first signal was not stored");
            Assert.Equal(25.0, await Database.ScalarAsync<double>(names.Schema, "SELECT score FROM creators WHERE creator_id = 'c1'"), 6);
            Assert.Equal(0L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM alerts"));

            await Signals.SendAsync(rabbit, names.Input, Signals.Create("c1", "refund-burst", "high", minute: 30));
            var alert = Assert.Single(await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 1, Wait));

            Assert.Equal("normal", alert.Message.PriorityName);
            Assert.Equal(4, alert.Priority);
            Assert.Equal("high", alert.Message.Severity);
            Assert.Equal(2, alert.Message.Signals.Count);
            // 25 decayed by 30 minutes of a 12 h half-life, plus 50.
            Assert.Equal((25 * Math.Pow(2, -0.5 / 12)) + 50, alert.Message.Score, 2);
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    [Fact]
    public async Task AnAlertsIdDoesNotDependOnWhichOfItsSignalsArrivedLast()
    {
        // Live, refund-ratio's signal came before refund-burst's; in a replay with the other input topic
        // lagging, after it. The moderators' alert must be the same one.
        var ids = new List<string>();
        // Either high signal alone opens an alert, so the one that opens it depends on the order.
        foreach (var rules in new[] { new[] { "refund-ratio", "refund-burst" }, ["refund-burst", "refund-ratio"] })
        {
            var names = TestNames.Create();
            try
            {
                await using var host = await AlertingHost.StartAsync(rabbit, names);
                var taken = 0L;
                foreach (var rule in rules)
                {
                    taken++;
                    await Signals.SendAsync(rabbit, names.Input, Signals.Create("c1", rule, "high", minute: rule == "refund-burst" ? 30 : 0));
                    Assert.True(await Database.WaitForAsync(async () => await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM inbox") == taken, Wait), "the signal was not taken in");
                }

                var alerts = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Any(a => a.Message.Signals.Count == 2), Wait);
                ids.Add(Assert.Single(alerts.Select(a => a.Message.AlertId).Distinct()));
            }
            finally
            {
                await names.CleanUpAsync(rabbit);
            }
        }

        Assert.Equal(ids[0], ids[1]);
    }

    [Fact]
    public async Task ShadowSignalsAreScoredApartAndNeverEscalate()
    {
        var names = TestNames.Create();
        try
        {
            await using var host = await AlertingHost.StartAsync(rabbit, names);
            await Signals.SendAsync(rabbit, names.Input, Signals.Create("c1", "new-rule", "critical", mode: "shadow"), Signals.Create("c1", "payment-ring", "critical", minute: 1));
            var alert = Assert.Single(await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 1, Wait));

            Assert.Equal("payment-ring", Assert.Single(alert.Message.Signals).RuleId);
            Assert.Equal(100.0, await Database.ScalarAsync<double>(names.Schema, "SELECT shadow_score FROM creators WHERE creator_id = 'c1'"), 6);
            Assert.Equal(100.0, await Database.ScalarAsync<double>(names.Schema, "SELECT score FROM creators WHERE creator_id = 'c1'"), 6);
            Assert.Equal(1L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM signals WHERE mode = 'shadow' AND alert_id IS NULL"));
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    [Fact]
    public async Task ManySignalsOfOneCreatorAtOnceKeepOneOpenAlertWithOrderedRevisions()
    {
        var names = TestNames.Create();
        try
        {
            await using var host = await AlertingHost.StartAsync(rabbit, names);
            const int creators = 10, perCreator = 8;
            var signals = Enumerable.Range(0, perCreator).SelectMany(i => Enumerable.Range(0, creators).Select(c =>
                Signals.Create($"c{c}", i == 0 ? "payment-ring" : $"rule-{i}", i == 0 ? "critical" : "low", minute: i))).ToArray();
            await Signals.SendAsync(rabbit, names.Input, signals);
            var got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count(r => r.Message.Revision == perCreator) == creators, Wait);

            // Revisions superseded before they were sent (in the same batch, or while the outbox was
            // behind) are not sent: each creator's arrive in order and end with the last, which carries all.
            Assert.Equal(creators, got.Select(m => m.Message.CreatorId).Distinct().Count());
            foreach (var creator in got.GroupBy(m => m.Message.CreatorId))
            {
                Assert.Single(creator.Select(m => m.Message.AlertId).Distinct());
                var revisions = creator.Select(m => m.Message.Revision).ToList();
                Assert.Equal(revisions.Order().Distinct(), revisions);
                Assert.Equal(perCreator, revisions[^1]);
                Assert.Equal(perCreator, creator.Last().Message.Signals.Count);
            }

            Assert.Equal((long)creators, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM alerts WHERE status = 'open'"));
            Assert.Equal((long)creators * perCreator, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM alert_history"));
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    [Fact]
    public async Task DecisionClosesTheAlertInAnAppendOnlyAuditAndANewAlertMayOpen()
    {
        var names = TestNames.Create();
        try
        {
            await using var host = await AlertingHost.StartAsync(rabbit, names);
            await Signals.SendAsync(rabbit, names.Input, Signals.Create("c1", "payment-ring", "critical"));
            var first = Assert.Single(await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 1, Wait));

            var decision = new ModerationDecision { AlertId = first.Message.AlertId, Decision = "violation_confirmed", ModeratorId = "mod-7", DecidedAt = DateTimeOffset.UtcNow, Note = "confirmed ring" };
            await Signals.SendRawAsync(rabbit, names.Decisions, "ModerationDecision", [JsonSerializer.SerializeToElement(decision, GovernanceJsonContext.Default.ModerationDecision)]);
            Assert.True(await Database.WaitForAsync(async () => await Database.ScalarAsync<string>(names.Schema, "SELECT status FROM alerts") == "decided", Wait), "the decision did not close the alert");
            Assert.Equal("mod-7", await Database.ScalarAsync<string>(names.Schema, "SELECT moderator_id FROM decisions"));
            var refused = await Assert.ThrowsAsync<PostgresException>(() => Database.ScalarAsync<long>(names.Schema, "WITH u AS (UPDATE decisions SET note = 'edited' RETURNING 1) SELECT count(*) FROM u"));
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);

            await Signals.SendAsync(rabbit, names.Input, Signals.Create("c1", "payment-ring", "critical", minute: 60));
            var second = Assert.Single(await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 1, Wait));
            Assert.NotEqual(first.Message.AlertId, second.Message.AlertId);
            Assert.Equal(1, second.Message.Revision);
            Assert.Equal("c1:payment-ring:60", Assert.Single(second.Message.Signals).SignalId);
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    [Fact]
    public async Task AnAlertCarriesAllItsSignalsWhenTheyOutnumberTheSignalCache()
    {
        var names = TestNames.Create();
        try
        {
            // Five signals held in memory, thirty to carry: the dispatcher reads the rest from PostgreSQL
            // and must not lose any that the cache drops again meanwhile.
            await using var host = await AlertingHost.StartAsync(rabbit, names, new Dictionary<string, string?> { ["Alerting:SignalCacheSize"] = "5" });
            const int count = 30;
            var signals = Enumerable.Range(0, count).Select(i => Signals.Create("many", i == 0 ? "payment-ring" : $"rule-{i}", i == 0 ? "critical" : "low", minute: i)).ToArray();
            await Signals.SendAsync(rabbit, names.Input, signals);
            var got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Any(r => r.Message.Revision == count), Wait);

            var last = got.Single(m => m.Message.Revision == count).Message;
            Assert.Equal(signals.Select(s => s.SignalId).Order(StringComparer.Ordinal), last.Signals.Select(s => s.SignalId).Order(StringComparer.Ordinal));
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    [Fact]
    public async Task AnOutboxRowWrittenBeforeSignalsTravelledByReferenceIsSentAsStored()
    {
        var names = TestNames.Create();
        try
        {
            await using (var host = await AlertingHost.StartAsync(rabbit, names))
            {
                // Migration 0007 left such rows with no signal ids and the whole message in the payload.
                var signal = Signals.Create("old1", "payment-ring", "critical");
                var message = new CreatorFlagged
                {
                    AlertId = Guid.NewGuid().ToString("D"), CreatorId = "old1", Severity = "critical", Score = 100, Signals = [signal],
                    Reasons = new LocalizedReasons { En = ["payment-ring fired"], Es = ["payment-ring se activó"] },
                    FirstSignalAt = signal.WindowEnd, FlaggedAt = signal.DetectedAt, Priority = 9,
                };
                await Database.ScalarAsync<long>(names.Schema, """
                    INSERT INTO outbox (message_id, alert_id, revision, creator_id, message_priority, payload)
                    VALUES (gen_random_uuid(), @alert, 1, 'old1', 9, @payload) RETURNING outbox_id
                    """, new { alert = Guid.Parse(message.AlertId), payload = JsonSerializer.Serialize(message, GovernanceJsonContext.Default.CreatorFlagged) });

                var got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 1, Wait);
                Assert.Equal(message.AlertId, Assert.Single(got).Message.AlertId);
                Assert.Equal(signal.SignalId, Assert.Single(got[0].Message.Signals).SignalId);
            }
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    private static string TraceParent(ActivityTraceId trace) => $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
}
