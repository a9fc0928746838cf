using Governance.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Governance.Alerting.IntegrationTests;

/// <summary>
/// <c>governance.alerting.consumer.lag</c> is the alerting service's real backlog: the signals waiting in its
/// input queue on the real RabbitMQ. PostgreSQL is cut (a TCP proxy) while signals arrive, so they wait.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class QueueDepthTests(RabbitMqServer rabbit)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheConsumerLagIsTheNumberOfSignalsWaitingInTheInputQueue()
    {
        var names = TestNames.Create();
        using var proxy = new TcpProxy(PostgresServer.Port);
        try
        {
            // One signal in flight at a time: while PostgreSQL is away the others wait, ready, in the queue.
            await using var host = await AlertingHost.StartAsync(rabbit, names, new Dictionary<string, string?>
            {
                ["Alerting:PrefetchCount"] = "1",
                ["Alerting:ConcurrentMessageLimit"] = "1",
                ["Alerting:Batch:MessageLimit"] = "1",
                ["Alerting:QueueDepthInterval"] = "00:00:00.100",
            }, pgPort: proxy.Port);
            using var lag = new MetricCollector<long>(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), AlertingTelemetry.Name, "governance.alerting.consumer.lag");
            var readiness = host.Services.GetRequiredService<HealthCheckService>();

            // Positive control first: an empty queue reads 0.
            Assert.True(await EventuallyAsync(() => Lag(lag) == 0), $"lag {Lag(lag)} with nothing sent");

            proxy.Cut();
            await Signals.SendAsync(rabbit, names.Input, [.. Enumerable.Range(0, 20).Select(i => Signals.Create($"waiting-{i}", "payment-ring", "critical"))]);
            Assert.True(await EventuallyAsync(() => Lag(lag) == 19), $"lag {Lag(lag)}, expected the 19 signals not in flight");
            var waiting = await ReadyAsync(readiness);
            Assert.Equal(HealthStatus.Unhealthy, waiting.Status);
            Assert.Equal("waiting for PostgreSQL (19 signals waiting in the input queue)", waiting.Description);
            Assert.Equal(19L, waiting.Data["lag"]);

            proxy.Restore();
            var alerts = await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 20, Wait);
            Assert.Equal(20, alerts.Select(a => a.Message.CreatorId).Distinct().Count());
            Assert.True(await EventuallyAsync(() => Lag(lag) == 0), $"lag {Lag(lag)} after the queue drained");
            Assert.True(await EventuallyAsync(async () => (await ReadyAsync(readiness)).Status == HealthStatus.Healthy), "not ready after PostgreSQL came back");
            Assert.Equal("0 signals waiting in the input queue", (await ReadyAsync(readiness)).Description);
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    private static long? Lag(MetricCollector<long> collector)
    {
        collector.RecordObservableInstruments();
        return collector.LastMeasurement?.Value;
    }

    private static async Task<HealthReportEntry> ReadyAsync(HealthCheckService health) =>
        (await health.CheckHealthAsync(r => r.Name == "alerting-ready")).Entries["alerting-ready"];

    private static Task<bool> EventuallyAsync(Func<bool> condition) => EventuallyAsync(() => Task.FromResult(condition()));

    private static Task<bool> EventuallyAsync(Func<Task<bool>> condition) => Database.WaitForAsync(condition, Wait);
}
