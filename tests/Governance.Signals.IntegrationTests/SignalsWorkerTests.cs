using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Governance.Contracts;
using Governance.Hosting;
using Governance.Redis;
using Governance.Redis.Windows;
using Governance.Rules.Packs;
using Governance.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using StackExchange.Redis;

namespace Governance.Signals.IntegrationTests;

[Collection(ServersCollection.Name)]
[Trait("Redis", "shared")]
public sealed class SignalsWorkerTests(KafkaBroker broker, RedisServer redis, RabbitMqServer rabbit)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static string Rules => Path.Combine(RepositoryPaths.Root, "rules");

    // The local mock cluster drops a member that left only when its session times out (45 s by default).
    private static Dictionary<string, string?> ShortSessions => new() { ["Kafka:Consumer:session.timeout.ms"] = "6000" };

    [Fact]
    public async Task RefundBurstPublishesOneSignalWithEvidenceAndReasons()
    {
        var creator = "c-" + Guid.NewGuid().ToString("N")[..8];
        await using var queue = await SignalQueue.CreateAsync(rabbit);
        await using var host = await SignalsHost.StartAsync(broker, rabbit, redis.Configuration, Rules);
        await host.WaitUntilRunningAsync(Wait);

        await Events.ProduceAsync(broker.BootstrapServers, host.Topic, Events.RefundBurst(creator, 12));
        var signals = await queue.WaitAsync(s => s.Any(x => x.CreatorId == creator), Wait);

        var signal = Assert.Single(signals, s => s.CreatorId == creator);
        Assert.Equal("refund-burst", signal.RuleId);
        Assert.Equal("enforce", signal.Mode);
        Assert.Equal("high", signal.Severity);
        Assert.InRange(signal.Value, 0, 1e-6);
        Assert.Equal("< 1E-06", signal.Threshold);
        Assert.Equal(10, signal.Evidence.Count);
        Assert.All(signal.Evidence, e => Assert.Equal("order.refunded", e.Type));
        Assert.Equal(Events.T0.AddMinutes(18), signal.WindowEnd);
        Assert.Contains("10 refunds", signal.Reasons!.En[0], StringComparison.Ordinal);
        Assert.Contains("10 reembolsos", signal.Reasons.Es[0], StringComparison.Ordinal);
        var version = host.Packs.Current!.Rules.Single(r => r.Id == "refund-burst").Definition.Version;
        Assert.Equal(version, signal.RuleVersion);
    }

    [Fact]
    public async Task ShadowRulesArePublishedWithModeShadow()
    {
        var creator = "c-" + Guid.NewGuid().ToString("N")[..8];
        await using var queue = await SignalQueue.CreateAsync(rabbit);
        await using var host = await SignalsHost.StartAsync(broker, rabbit, redis.Configuration, Rules);
        await host.WaitUntilRunningAsync(Wait);

        await Events.ProduceAsync(broker.BootstrapServers, host.Topic, [Events.Content($"{creator}-p", creator, "post.published", Events.T0, "Págame por transferencia directa y te hago descuento")]);
        var signals = await queue.WaitAsync(s => s.Any(x => x.CreatorId == creator), Wait);

        var signal = Assert.Single(signals, s => s.CreatorId == creator);
        Assert.Equal("off-platform-payment", signal.RuleId);
        Assert.Equal("shadow", signal.Mode);
    }

    [Fact]
    public async Task ASignalCarriesTheTraceOfTheEventThatMadeItsRuleFire()
    {
        var creator = "c-" + Guid.NewGuid().ToString("N")[..8];
        await using var queue = await SignalQueue.CreateAsync(rabbit);
        await using var host = await SignalsHost.StartAsync(broker, rabbit, redis.Configuration, Rules);
        await host.WaitUntilRunningAsync(Wait);

        // Every event in a trace of its own: the signal continues the tenth refund's, the one that crossed.
        var events = Events.RefundBurst(creator, 10);
        var traces = events.ToDictionary(e => e.EventId, _ => ActivityTraceId.CreateRandom());
        await Events.ProduceAsync(broker.BootstrapServers, host.Topic, events, e => $"00-{traces[e.EventId].ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var signals = await queue.WaitAsync(s => s.Any(x => x.CreatorId == creator), Wait);

        var signal = Assert.Single(signals, s => s.CreatorId == creator);
        Assert.True(queue.TraceParents.TryGetValue(signal.SignalId, out var traceParent), "the signal's message carried no trace context");
        Assert.Equal(traces[events[^1].EventId], TraceContext.Parse(traceParent).TraceId);
    }

    [Fact]
    public async Task RedeliveredEventsAreNotCountedTwice()
    {
        var creator = "c-" + Guid.NewGuid().ToString("N")[..8];
        var nine = Events.RefundBurst(creator, 9); // quiet once; counted twice they would fire
        await using var queue = await SignalQueue.CreateAsync(rabbit);
        string windowKey;
        HashEntry[] before;
        SignalsHost first;
        await using (first = await SignalsHost.StartAsync(broker, rabbit, redis.Configuration, Rules, ShortSessions))
        {
            await first.WaitUntilRunningAsync(Wait);
            await Events.ProduceAsync(broker.BootstrapServers, first.Topic, nine);
            await WaitForAppliedAsync(first, redis, creator, nine[^1].EventId);
            windowKey = new RedisKeys(first.Prefix).Window(creator);
            before = await redis.Connection.GetDatabase().HashGetAllAsync(windowKey);
        }

        // The group reads its partitions from the start again: the same records at the same offsets,
        // as a worker taking over after a crash before its commit would.
        RewindGroup(first);
        await using var second = await SignalsHost.StartAsync(broker, rabbit, redis.Configuration, Rules, ShortSessions, successorOf: first);
        await WaitUntilAsync(() => Total(second.EventsCounted) >= nine.Count, $"the {nine.Count} records were not read again");
        var after = await redis.Connection.GetDatabase().HashGetAllAsync(windowKey);
        // A batch's signals are confirmed by RabbitMQ before its events are counted: any would be queued by now.
        var signals = await queue.WaitAsync(_ => true, TimeSpan.Zero);

        Assert.Equal(nine.Count, Total(second.EventsCounted, "duplicate"));
        Assert.Equal(0, Total(second.EventsCounted, "applied"));
        Assert.Equal(Sorted(before), Sorted(after));
        Assert.DoesNotContain(signals, s => s.CreatorId == creator);
    }

    [Fact]
    public async Task UnreadableRecordsAreDeadLetteredAndTheRestIsEvaluated()
    {
        var creator = "c-" + Guid.NewGuid().ToString("N")[..8];
        await using var queue = await SignalQueue.CreateAsync(rabbit);
        await using var host = await SignalsHost.StartAsync(broker, rabbit, redis.Configuration, Rules);
        await broker.CreateTopicAsync("unused");
        await host.WaitUntilRunningAsync(Wait);
        using (var producer = KafkaTestClient.Producer(broker.BootstrapServers))
        {
            await producer.ProduceAsync(host.Topic, new Message<string, string> { Key = creator, Value = "{broken" });
        }

        await Events.ProduceAsync(broker.BootstrapServers, host.Topic, Events.RefundBurst(creator, 10));
        var signals = await queue.WaitAsync(s => s.Any(x => x.CreatorId == creator), Wait);
        using var reader = KafkaTestClient.Consumer(broker.BootstrapServers, host.Topic + ".dlq");
        var dead = Assert.Single(KafkaTestClient.Read(reader, 1, Wait));

        Assert.Single(signals, s => s.CreatorId == creator);
        Assert.Equal("{broken", Encoding.UTF8.GetString(dead.Message.Value));
        Assert.Equal(host.Topic, dead.Header(DeadLetterHeaders.SourceTopic));
    }

    [Fact]
    public async Task APublishedPackIsHotReloadedAndNoEventIsLost()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var queue = await SignalQueue.CreateAsync(rabbit);
        await using var host = await SignalsHost.StartAsync(broker, rabbit, redis.Configuration, Rules);
        await host.WaitUntilRunningAsync(Wait);
        var before = host.Packs.Current!.Version;
        var files = RulePackFiles.Read(Rules);
        var edited = new Dictionary<string, string>(files.Files)
        {
            ["refund-burst.yaml"] = files.Files["refund-burst.yaml"].Replace("threshold: \"p < 1e-6\"", "threshold: \"p < 1e-2\"", StringComparison.Ordinal),
        };

        var producing = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await Events.ProduceAsync(broker.BootstrapServers, host.Topic, Events.RefundBurst($"hot-{run}-{i}", 12));
                await Task.Delay(100);
            }
        });
        await Task.Delay(700);
        var version = await host.PackStore.PublishAsync(new RulePackFiles(edited), "test", DateTimeOffset.UtcNow);
        await producing;
        var signals = await queue.WaitAsync(s => s.Count(x => x.CreatorId.StartsWith($"hot-{run}-", StringComparison.Ordinal)) >= 20, Wait);

        var ours = signals.Where(s => s.CreatorId.StartsWith($"hot-{run}-", StringComparison.Ordinal)).ToList();
        Assert.NotEqual(before, version);
        Assert.Equal(version, host.Packs.Current!.Version);
        Assert.Equal(20, ours.Select(s => s.CreatorId).Distinct().Count());
        // At 1.1 expected refunds the tail passes 1e-2 at the 5th refund, 1e-6 at the 10th.
        Assert.Contains(ours, s => s.Threshold == "< 0.01" && s.Evidence.Count == 5);
        Assert.All(ours, s => Assert.True(s.Threshold == "< 0.01" ? s.Evidence.Count == 5 : s.Evidence.Count == 10));
    }

    [Fact]
    public async Task AnInvalidPackIsRejectedAndTheRunningOneKeepsServing()
    {
        var creator = "c-" + Guid.NewGuid().ToString("N")[..8];
        await using var queue = await SignalQueue.CreateAsync(rabbit);
        await using var host = await SignalsHost.StartAsync(broker, rabbit, redis.Configuration, Rules);
        await host.WaitUntilRunningAsync(Wait);
        var files = RulePackFiles.Read(Rules);
        var valid = new Dictionary<string, string>(files.Files)
        {
            ["refund-burst.yaml"] = files.Files["refund-burst.yaml"].Replace("threshold: \"p < 1e-6\"", "threshold: \"p < 1e-2\"", StringComparison.Ordinal),
        };
        var broken = new Dictionary<string, string>(valid) { ["refund-burst.yaml"] = valid["refund-burst.yaml"].Replace("window: 1h", "window: 90x", StringComparison.Ordinal) };

        // Positive control: a valid pack published the same way is taken up, so a watcher that does
        // not reload cannot pass for one that rejects.
        var served = await host.PackStore.PublishAsync(new RulePackFiles(valid), "test", DateTimeOffset.UtcNow);
        await WaitUntilAsync(() => host.Packs.Current?.Version == served, $"pack {served} was not taken up");
        await host.PackStore.PublishAsync(new RulePackFiles(broken), "test", DateTimeOffset.UtcNow);
        await WaitUntilAsync(() => Total(host.PackReloads, "rejected", "result") > 0, "the invalid pack was not read");
        await Events.ProduceAsync(broker.BootstrapServers, host.Topic, Events.RefundBurst(creator, 12));
        var signals = await queue.WaitAsync(s => s.Any(x => x.CreatorId == creator), Wait);

        Assert.Equal(served, host.Packs.Current!.Version);
        Assert.True(host.Health.Running);
        // The served pack's threshold (1e-2 passes at the 5th refund), not the folder's (1e-6, the 10th).
        var signal = Assert.Single(signals, s => s.CreatorId == creator);
        Assert.Equal("< 0.01", signal.Threshold);
        Assert.Equal(5, signal.Evidence.Count);
    }

    /// <summary>Waits until the worker has applied <paramref name="eventId"/> (it is among the creator's seen eventIds).</summary>
    internal static async Task WaitForAppliedAsync(SignalsHost host, RedisServer server, string creator, string eventId)
    {
        var key = new RedisKeys(host.Prefix).Window(creator);
        var field = StateFields.Seen(StateFields.Hash(eventId));
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline && !await server.Connection.GetDatabase().HashExistsAsync(key, field))
        {
            await Task.Delay(100);
        }

        Assert.True(await server.Connection.GetDatabase().HashExistsAsync(key, field), $"{eventId} was not applied");
    }

    /// <summary>Joins the (stopped) worker's group and commits offset 0 on every partition, as a member: brokers refuse commits from outside a group.</summary>
    private void RewindGroup(SignalsHost stopped)
    {
        using var group = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            GroupId = stopped.GroupId,
            EnableAutoCommit = false,
            SessionTimeoutMs = 6000,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        }).Build();
        group.Subscribe(stopped.Topic);
        var deadline = DateTime.UtcNow + Wait;
        while (group.Assignment.Count < 3 && DateTime.UtcNow < deadline)
        {
            group.Consume(TimeSpan.FromMilliseconds(100));
        }

        group.Commit(group.Assignment.Select(p => new TopicPartitionOffset(p, 0)));
        Assert.All(group.Committed(TimeSpan.FromSeconds(10)), c => Assert.Equal(0, c.Offset.Value));
        group.Close();
    }

    private static long Total(MetricCollector<long> counter, string? tag = null, string name = "outcome") =>
        counter.GetMeasurementSnapshot().Where(m => tag is null || Equals(m.Tags.GetValueOrDefault(name), tag)).Sum(m => m.Value);

    private static string[] Sorted(HashEntry[] entries) => [.. entries.Select(e => $"{e.Name}={e.Value}").Order(StringComparer.Ordinal)];

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), failure);
    }
}
