using Governance.Testing;

namespace Governance.Alerting.IntegrationTests;

/// <summary>The CLI's alert verbs and rule statistics against a running service, as the read-only role.</summary>
[Collection(ServersCollection.Name)]
public sealed class CliTests(RabbitMqServer rabbit)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ShowDecideTailAndRuleStatsWorkOnALiveAlert()
    {
        var names = TestNames.Create();
        try
        {
            await using var host = await AlertingHost.StartAsync(rabbit, names);
            await Signals.SendAsync(rabbit, names.Input, Signals.Create("c1", "payment-ring", "critical"), Signals.Create("c2", "refund-burst", "critical"));
            var sent = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 2, Wait);
            var ring = sent.Single(m => m.Message.CreatorId == "c1").Message.AlertId;
            var refunds = sent.Single(m => m.Message.CreatorId == "c2").Message.AlertId;
            string[] db = ["--db", PostgresServer.ReadOnlyConnectionString(), "--schema", names.Schema];

            var show = await CliRun.RunAsync(["alerts", "show", ring, .. db]);
            Assert.Equal(0, show.Exit);
            Assert.Contains("e-c1-0", show.Out, StringComparison.Ordinal);
            Assert.Contains("opened", show.Out, StringComparison.Ordinal);

            var tail = await CliRun.RunAsync(["alerts", "tail", "--lang", "es", "--limit", "2", "--last", "2", .. db]);
            Assert.Contains("payment-ring se activó", tail.Out, StringComparison.Ordinal);
            Assert.Contains("Puntuación de riesgo", tail.Out, StringComparison.Ordinal);

            Assert.Equal(0, (await CliRun.RunAsync(["alerts", "decide", ring, "--decision", "confirmed", "--moderator", "mod-1", "--note", "ring confirmed", "--queue", names.Decisions])).Exit);
            Assert.Equal(0, (await CliRun.RunAsync(["alerts", "decide", refunds, "--decision", "dismissed", "--moderator", "mod-2", "--queue", names.Decisions])).Exit);
            Assert.True(await Database.WaitForAsync(async () => await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM alerts WHERE status = 'decided'") == 2, Wait), "the decisions did not close the alerts");

            var stats = await CliRun.RunAsync(["rules", "stats", "--format", "json", .. db]);
            Assert.Equal(0, stats.Exit);
            Assert.Contains("""{"rule":"payment-ring","Signals":1,"Alerts":1,"Decided":1,"Confirmed":1,"precision":1,"periodDays":30}""", stats.Out, StringComparison.Ordinal);
            Assert.Contains("""{"rule":"refund-burst","Signals":1,"Alerts":1,"Decided":1,"Confirmed":0,"precision":0,"periodDays":30}""", stats.Out, StringComparison.Ordinal);
            Assert.Contains("mod-1", (await CliRun.RunAsync(["alerts", "show", ring, .. db])).Out, StringComparison.Ordinal);
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }
}
