using Governance.Testing;
using Xunit.Abstractions;

namespace Governance.Alerting.IntegrationTests;

/// <summary>
/// PostgreSQL or RabbitMQ gone mid-stream: the service pauses, reconnects and loses nothing. The
/// servers are shared with other suites and engineers, so the outage is a cut TCP proxy between the
/// service and the server: to the service the server is gone (connections drop, new ones are refused).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class OutageTests(RabbitMqServer rabbit, ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PostgresDownPausesConsumptionWhichResumesWithoutLoss()
    {
        var names = TestNames.Create();
        using var proxy = new TcpProxy(PostgresServer.Port);
        try
        {
            await using var host = await AlertingHost.StartAsync(rabbit, names, pgPort: proxy.Port);
            await Signals.SendAsync(rabbit, names.Input, [.. Enumerable.Range(0, 5).Select(i => Signals.Create($"before-{i}", "payment-ring", "critical"))]);
            var got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 5, Wait);

            proxy.Cut();
            await Signals.SendAsync(rabbit, names.Input, [.. Enumerable.Range(0, 10).Select(i => Signals.Create($"during-{i}", "payment-ring", "critical"))]);
            var paused = await WaitForAsync(() => host.Health.WaitingFor == "PostgreSQL", TimeSpan.FromSeconds(20));
            got = await AlertQueue.TakeAsync(rabbit, names.Alerts, _ => false, TimeSpan.FromSeconds(2), got);
            var duringOutage = got.Count;
            proxy.Restore();

            got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Select(a => a.Message.CreatorId).Distinct().Count() >= 15, Wait, got);
            output.WriteLine($"alerts {got.Count} for {got.Select(m => m.Message.CreatorId).Distinct().Count()} of 15 creators ({duringOutage} before PostgreSQL came back); consumer reported waiting for PostgreSQL: {paused}");
            Assert.True(paused, "the consumer never reported PostgreSQL as unavailable");
            // Nothing of the signals sent during the outage came out before PostgreSQL was back.
            Assert.Equal(5, got.Take(duringOutage).Select(m => m.Message.CreatorId).Distinct().Count(c => c.StartsWith("before-", StringComparison.Ordinal)));
            Assert.DoesNotContain(got.Take(duringOutage), m => m.Message.CreatorId.StartsWith("during-", StringComparison.Ordinal));
            Assert.Equal(15, got.Select(m => m.Message.CreatorId).Distinct().Count());
            // At least once: the dispatcher may lose its connection after the broker confirmed and before
            // it marked the row sent; the repeat is the same alert revision, never a second alert.
            Assert.All(got, m => Assert.Equal(1, m.Message.Revision));
            Assert.All(got.GroupBy(m => m.Message.CreatorId), g => Assert.Single(g.Select(m => m.Message.AlertId).Distinct()));
            Assert.True(await Database.WaitForAsync(async () => host.Health.WaitingFor is null, TimeSpan.FromSeconds(10)), "the consumer still waits after PostgreSQL came back");
            Assert.Equal(15L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM alerts"));
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    [Fact]
    public async Task RabbitMqConnectionLostReconnectsAndLosesNothing()
    {
        var names = TestNames.Create();
        using var proxy = new TcpProxy(5672);
        try
        {
            await using var host = await AlertingHost.StartAsync(rabbit, names, amqpPort: proxy.Port);
            await Signals.SendAsync(rabbit, names.Input, [.. Enumerable.Range(0, 5).Select(i => Signals.Create($"before-{i}", "payment-ring", "critical"))]);
            var got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 5, Wait);

            proxy.Cut();
            await Signals.SendAsync(rabbit, names.Input, [.. Enumerable.Range(0, 10).Select(i => Signals.Create($"during-{i}", "payment-ring", "critical"))]);
            got = await AlertQueue.TakeAsync(rabbit, names.Alerts, _ => false, TimeSpan.FromSeconds(3), got);
            var duringOutage = got.Count;
            proxy.Restore();

            got = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Select(a => a.Message.CreatorId).Distinct().Count() >= 15, Wait, got);
            output.WriteLine($"alerts {got.Count} ({got.Select(m => m.Message.CreatorId).Distinct().Count()} creators of 15; {duringOutage} while cut)");
            Assert.Equal(5, duringOutage);
            Assert.Equal(15, got.Select(m => m.Message.CreatorId).Distinct().Count());
            // At least once: a repeat is the same alert revision, never a second alert.
            Assert.All(got.GroupBy(m => m.Message.CreatorId), g => Assert.Single(g.Select(m => (m.Message.AlertId, m.Message.Revision)).Distinct()));
            Assert.Equal(15L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM alerts"));
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return condition();
    }
}
