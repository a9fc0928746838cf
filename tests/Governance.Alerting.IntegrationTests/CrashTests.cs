using Governance.Contracts;
using Governance.Testing;
using RabbitMQ.Client.Exceptions;
using Xunit.Abstractions;

namespace Governance.Alerting.IntegrationTests;

/// <summary>
/// The service as a real process, SIGKILLed after the alert and its outbox row committed and before the
/// dispatcher sent it. After a restart the alert arrives, once (a repeat only with the same alertId and revision).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class CrashTests(RabbitMqServer rabbit, ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task KilledBetweenCommitAndPublishTheAlertArrivesOnceAfterRestart()
    {
        var names = TestNames.Create();
        var dll = RepositoryPaths.BuiltDll("services", "Governance.Alerting");
        try
        {
            using (var first = ServiceProcess.Start(dll, Environment(names, dispatchDelay: "00:00:30")))
            {
                await SendWhenDeclaredAsync(names, first, Signals.Create("k1", "payment-ring", "critical"));
                var committed = await Database.WaitForAsync(async () => await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 1, Wait);
                Assert.True(committed, "the alert was not committed to the outbox; output:\n" + first.Output);
                first.Kill();
            }

            var beforeRestart = await AlertQueue.TakeAsync(rabbit, names.Alerts, _ => false, TimeSpan.Zero);
            Assert.Empty(beforeRestart);

            using var second = ServiceProcess.Start(dll, Environment(names, dispatchDelay: "00:00:00"));
            var got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 1, Wait);
            Assert.True(await Database.WaitForAsync(async () => await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0, Wait), "the outbox row was not marked sent");
            // Positive control for "nothing more comes": a second signal's revision arrives after it.
            await Signals.SendAsync(rabbit, names.Input, Signals.Create("k1", "refund-burst", "medium", minute: 5));
            got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Any(a => a.Message.Revision == 2), Wait, got);
            output.WriteLine(string.Join(", ", got.Select(m => $"{m.Message.AlertId}/{m.Message.Revision}")));

            var alertId = await Database.ScalarAsync<Guid>(names.Schema, "SELECT alert_id FROM alerts");
            Assert.Equal(1, got.Count(m => m.Message.Revision == 1));
            Assert.All(got, m => Assert.Equal(alertId.ToString("D"), m.Message.AlertId));
            Assert.Equal([1, 2], got.Select(m => m.Message.Revision));
            // The restarted process held no signal in memory: the dispatcher (revision 1) and the batch (revision 2)
            // read them back from the signals table.
            Assert.Equal("payment-ring", Assert.Single(got[0].Message.Signals).RuleId);
            Assert.Equal(["payment-ring", "refund-burst"], got[1].Message.Signals.Select(s => s.RuleId));
            Assert.True(second.Stop(TimeSpan.FromSeconds(30)), "the service did not stop on SIGTERM");
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    private Dictionary<string, string> Environment(TestNames names, string dispatchDelay)
    {
        var settings = AlertingHost.Settings(names, rabbit);
        settings["Alerting:Outbox:DispatchDelay"] = dispatchDelay;
        settings["Urls"] = "http://127.0.0.1:0";
        return settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value ?? "");
    }

    /// <summary>Sends once the service (a separate process) has declared its queue.</summary>
    private async Task SendWhenDeclaredAsync(TestNames names, ServiceProcess service, RiskSignalDetected signal)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            try
            {
                await Signals.SendAsync(rabbit, names.Input, signal);
                return;
            }
            catch (PublishException) when (DateTime.UtcNow < deadline && !service.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }
}
