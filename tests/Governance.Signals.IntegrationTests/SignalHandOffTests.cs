using System.Text.Json;
using Governance.Contracts;
using Governance.Testing;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Governance.Signals.IntegrationTests;

/// <summary>Signals land in the durable quorum queue the worker declares, never in a bare exchange.</summary>
[Collection(ServersCollection.Name)]
[Trait("Redis", "shared")]
public sealed class SignalHandOffTests(KafkaBroker broker, RedisServer redis, RabbitMqServer rabbit)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static string Rules => Path.Combine(RepositoryPaths.Root, "rules");
    private static readonly Dictionary<string, object?> Quorum = new() { ["x-queue-type"] = "quorum" };

    [Fact]
    public async Task TheWorkerDeclaresTheDurableQuorumQueueAtStartAndSignalsWaitThereForTheirConsumer()
    {
        var creator = "c-" + Guid.NewGuid().ToString("N")[..8];
        await using var host = await SignalsHost.StartAsync(broker, rabbit, redis.Configuration, Rules);
        await host.WaitUntilRunningAsync(Wait);
        await using var connection = await rabbit.Factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();

        // It exists before any signal; declaring it again with other arguments would fail: durable and quorum.
        var declared = await channel.QueueDeclarePassiveAsync(host.SignalQueueName);
        await channel.QueueDeclareAsync(host.SignalQueueName, durable: true, exclusive: false, autoDelete: false, arguments: Quorum);
        await Events.ProduceAsync(broker.BootstrapServers, host.Topic, Events.RefundBurst(creator, 12));
        var signal = await TakeAsync(channel, host.SignalQueueName, creator);

        Assert.NotNull(declared);
        Assert.Equal(creator, signal?.CreatorId);
        Assert.Equal("refund-burst", signal?.RuleId);
    }

    [Fact]
    public async Task ASignalNoQueueTakesIsRetriedUntilOneDoes()
    {
        var creator = "c-" + Guid.NewGuid().ToString("N")[..8];

        // A virtual host of its own: no other test's queue is bound to the signal exchange there.
        var vhost = rabbit.CreateVirtualHost();
        try
        {
            await ReturnedSignalIsRetriedAsync(creator, vhost);
        }
        finally
        {
            RabbitMqServer.DeleteVirtualHost(vhost);
        }
    }

    private async Task ReturnedSignalIsRetriedAsync(string creator, string vhost)
    {
        await using var host = await SignalsHost.StartAsync(broker, rabbit, redis.Configuration, Rules, new Dictionary<string, string?> { ["RabbitMq:VirtualHost"] = vhost });
        await host.WaitUntilRunningAsync(Wait);
        await using var connection = await rabbit.FactoryFor(vhost).CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();

        // A first signal (MassTransit has declared its topology), then the queue goes away.
        await Events.ProduceAsync(broker.BootstrapServers, host.Topic, Events.RefundBurst(creator + "-first", 12));
        var first = await TakeAsync(channel, host.SignalQueueName, creator + "-first");
        Assert.True(first is not null, "the first signal never reached the queue" + Recent(host));
        await channel.QueueDeleteAsync(host.SignalQueueName);

        await Events.ProduceAsync(broker.BootstrapServers, host.Topic, Events.RefundBurst(creator, 12));
        var sawWaiting = await WaitForAsync(() => host.Health.WaitingFor == "RabbitMQ", Wait);
        Assert.True(sawWaiting, $"a signal returned unroutable was taken as published (waiting for: {host.Health.WaitingFor ?? "nothing"})" + Recent(host));
        await channel.QueueDeclareAsync(host.SignalQueueName, durable: true, exclusive: false, autoDelete: false, arguments: Quorum);
        await channel.QueueBindAsync(host.SignalQueueName, SignalQueue.Exchange, "");
        var signal = await TakeAsync(channel, host.SignalQueueName, creator);

        Assert.True(signal is not null, "the retried signal never reached the queue declared again" + Recent(host));
        Assert.Equal(creator, signal.CreatorId);
        Assert.True(await WaitForAsync(() => host.Health.WaitingFor is null, Wait), $"still waiting for {host.Health.WaitingFor}" + Recent(host));
    }

    // What the worker logged last (warnings and errors), for a failure's message.
    private static string Recent(SignalsHost host) =>
        string.Concat(host.Logs.GetSnapshot().Where(l => l.Level >= LogLevel.Warning).TakeLast(8)
            .Select(l => $"{Environment.NewLine}  {l.Timestamp:HH:mm:ss.fff} {l.Level} {l.Message} {l.Exception?.GetType().Name}: {l.Exception?.Message}"));

    private static async Task<RiskSignalDetected?> TakeAsync(IChannel channel, string queue, string creator)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            if (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
            {
                // Every worker's queue is bound to the one message exchange: other tests' signals pass too.
                using var envelope = JsonDocument.Parse(delivery.Body);
                if (envelope.RootElement.GetProperty("message").Deserialize(GovernanceJsonContext.Default.RiskSignalDetected) is { } signal && signal.CreatorId == creator)
                {
                    return signal;
                }

                continue;
            }

            await Task.Delay(100);
        }

        return null;
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !condition())
        {
            await Task.Delay(50);
        }

        return condition();
    }
}
