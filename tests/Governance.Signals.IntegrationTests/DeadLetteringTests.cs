using System.Text;
using Confluent.Kafka;
using Governance.Contracts;
using Governance.Testing;

namespace Governance.Signals.IntegrationTests;

/// <summary>What the worker cannot count goes to the dead-letter topic with its reason; the stream goes on.</summary>
[Collection(ServersCollection.Name)]
[Trait("Redis", "shared")]
public sealed class DeadLetteringTests(KafkaBroker broker, RedisServer redis, RabbitMqServer rabbit)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static string Rules => Path.Combine(RepositoryPaths.Root, "rules");

    [Fact]
    public async Task AnEventWithANullCreatorIdIsDeadLetteredAndTheWorkerGoesOn()
    {
        var creator = "c-" + Guid.NewGuid().ToString("N")[..8];
        await using var queue = await SignalQueue.CreateAsync(rabbit);
        await using var host = await SignalsHost.StartAsync(broker, rabbit, redis.Configuration, Rules);
        await host.WaitUntilRunningAsync(Wait);
        var nullCreator = """{"eventId":"e-null","source":"transaction","type":"order.refunded","creatorId":null,"occurredAt":"2026-03-01T12:00:00Z","ingestedAt":"2026-03-01T12:00:01Z","attributes":{}}""";
        using (var producer = KafkaTestClient.Producer(broker.BootstrapServers))
        {
            await producer.ProduceAsync(host.Topic, new Message<string, string> { Key = creator, Value = nullCreator });
        }

        await Events.ProduceAsync(broker.BootstrapServers, host.Topic, Events.RefundBurst(creator, 10));
        var signals = await queue.WaitAsync(s => s.Any(x => x.CreatorId == creator), Wait);
        using var reader = KafkaTestClient.Consumer(broker.BootstrapServers, host.Topic + ".dlq");
        var dead = Assert.Single(KafkaTestClient.Read(reader, 1, Wait));

        Assert.Single(signals, s => s.CreatorId == creator);
        Assert.Equal(nullCreator, Encoding.UTF8.GetString(dead.Message.Value));
        Assert.Equal(RejectionReasons.NotJson, dead.Header(DeadLetterHeaders.Reason));
        Assert.Contains("creatorId is missing", dead.Header(DeadLetterHeaders.Message), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAnEventOlderThanEveryWindowOfItsSourceIsDeadLetteredTooLate()
    {
        var creator = "c-" + Guid.NewGuid().ToString("N")[..8];
        await using var host = await SignalsHost.StartAsync(broker, rabbit, redis.Configuration, Rules);
        await broker.CreateTopicNamedAsync(host.Topic + ".dlq");
        await host.WaitUntilRunningAsync(Wait);
        var horizon = host.Packs.Current!.Horizon("transaction");
        var now = Events.T0 + horizon + TimeSpan.FromDays(1);

        // Content far ahead changes nothing for transactions (watermarks are per source).
        await Events.ProduceAsync(broker.BootstrapServers, host.Topic,
        [
            Events.Content($"{creator}-ahead", creator, "post.published", now + TimeSpan.FromDays(30), "hola"),
            Events.Transaction($"{creator}-now", creator, "order.placed", now),
            Events.Transaction($"{creator}-inside", creator, "order.placed", now - horizon + TimeSpan.FromHours(1)),
            Events.Transaction($"{creator}-late", creator, "order.placed", now - horizon - TimeSpan.FromHours(1)),
        ]);
        using var reader = KafkaTestClient.Consumer(broker.BootstrapServers, host.Topic + ".dlq");
        // In order on one partition: had "inside" been dead-lettered, it would come first.
        var dead = Assert.Single(KafkaTestClient.Read(reader, 1, Wait));

        Assert.Contains($"{creator}-late", Encoding.UTF8.GetString(dead.Message.Value), StringComparison.Ordinal);
        Assert.Equal(RejectionReasons.TooLate, dead.Header(DeadLetterHeaders.Reason));
        Assert.Equal(host.Topic, dead.Header(DeadLetterHeaders.SourceTopic));
    }
}
