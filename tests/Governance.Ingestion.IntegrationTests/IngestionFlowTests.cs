using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Governance.Contracts;
using Governance.SampleData;
using Governance.Testing;

namespace Governance.Ingestion.IntegrationTests;

[Collection(KafkaCollection.Name)]
public sealed class IngestionFlowTests(KafkaBroker broker)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ValidEventsReachTheEventsTopicKeyedByCreator()
    {
        var topics = await IngestionTopics.CreateAsync(broker);
        var events = new SampleEventGenerator(new SampleEventOptions { InvalidShare = 0, Creators = 50 }).Generate().Take(300).ToList();
        using var pipeline = new RunningPipeline(broker.BootstrapServers, topics.Options("g-" + Guid.NewGuid()));
        await topics.ProduceAsync(broker.BootstrapServers, events);

        using var reader = KafkaTestClient.Consumer(broker.BootstrapServers, topics.Events);
        var output = KafkaTestClient.Read(reader, events.Count, Wait);

        var byId = output.Select(r => (Record: r, Event: Parse(r))).ToDictionary(p => p.Event.EventId);
        Assert.Equal(events.Select(e => e.EventId).Order(), byId.Keys.Order());
        Assert.All(byId.Values, p => Assert.Equal(p.Event.CreatorId, p.Record.Message.Key));
        Assert.All(byId.Values, p => Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", p.Record.Header("traceparent")));
        Assert.Contains(byId.Values, p => p.Event.Source == EventSource.Content);
        Assert.Contains(byId.Values, p => p.Event.Source == EventSource.Transaction);
    }

    [Fact]
    public async Task PerCreatorOrderIsKept()
    {
        var topics = await IngestionTopics.CreateAsync(broker);
        var events = new SampleEventGenerator(new SampleEventOptions { InvalidShare = 0, Creators = 5 })
            .Generate().Where(e => e.Topic == Topics.Transactions).Take(200).ToList();
        using var pipeline = new RunningPipeline(broker.BootstrapServers, topics.Options("g-" + Guid.NewGuid()));
        await topics.ProduceAsync(broker.BootstrapServers, events);

        using var reader = KafkaTestClient.Consumer(broker.BootstrapServers, topics.Events);
        var output = KafkaTestClient.Read(reader, events.Count, Wait).Select(Parse).ToList();

        foreach (var creator in events.Select(e => e.Key).Distinct())
        {
            Assert.Equal(
                events.Where(e => e.Key == creator).Select(e => e.EventId),
                output.Where(e => e.CreatorId == creator).Select(e => e.EventId));
        }
    }

    [Theory]
    [InlineData(RejectionReasons.NotJson)]
    [InlineData(RejectionReasons.TooLarge)]
    [InlineData(RejectionReasons.MissingField)]
    [InlineData(RejectionReasons.WrongType)]
    [InlineData(RejectionReasons.UnknownType)]
    [InlineData(RejectionReasons.InvalidValue)]
    [InlineData(RejectionReasons.BadTimestamp)]
    [InlineData(RejectionReasons.FutureTimestamp)]
    public async Task RejectedRecordIsDeadLetteredUnchangedWithItsReason(string reason)
    {
        var topics = await IngestionTopics.CreateAsync(broker);
        var valid = new SampleEventGenerator(new SampleEventOptions { InvalidShare = 0 }).Generate().First(e => e.Topic == Topics.Transactions);
        var broken = SampleEventGenerator.Break(valid.Value, reason, DateTimeOffset.UtcNow);
        using var pipeline = new RunningPipeline(broker.BootstrapServers, topics.Options("g-" + Guid.NewGuid()));
        using var producer = KafkaTestClient.Producer(broker.BootstrapServers);
        var delivered = await producer.ProduceAsync(topics.Transactions, new Message<string, string>
        {
            Key = valid.Key,
            Value = broken,
            Headers = new Headers { { "upstream-header", "kept"u8.ToArray() } },
        });

        using var reader = KafkaTestClient.Consumer(broker.BootstrapServers, topics.DeadLetter);
        var dead = Assert.Single(KafkaTestClient.Read(reader, 1, Wait));

        Assert.Equal(broken, Encoding.UTF8.GetString(dead.Message.Value));
        Assert.Equal(valid.Key, dead.Message.Key);
        Assert.Equal(reason, dead.Header(DeadLetterHeaders.Reason));
        Assert.Equal(topics.Transactions, dead.Header(DeadLetterHeaders.SourceTopic));
        Assert.Equal(delivered.Partition.Value.ToString(CultureInfo.InvariantCulture), dead.Header(DeadLetterHeaders.SourcePartition));
        Assert.Equal(delivered.Offset.Value.ToString(CultureInfo.InvariantCulture), dead.Header(DeadLetterHeaders.SourceOffset));
        Assert.False(string.IsNullOrWhiteSpace(dead.Header(DeadLetterHeaders.Message)));
        Assert.Equal("kept", dead.Header("upstream-header"));
    }

    [Fact]
    public async Task IncomingTraceparentIsContinued()
    {
        var topics = await IngestionTopics.CreateAsync(broker);
        var valid = new SampleEventGenerator(new SampleEventOptions { InvalidShare = 0 }).Generate().First();
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var parentSpan = ActivitySpanId.CreateRandom().ToHexString();
        using var pipeline = new RunningPipeline(broker.BootstrapServers, topics.Options("g-" + Guid.NewGuid()));
        using var producer = KafkaTestClient.Producer(broker.BootstrapServers);
        await producer.ProduceAsync(topics.InputFor(valid.Topic), new Message<string, string>
        {
            Key = valid.Key,
            Value = valid.Value,
            Headers = new Headers { { "traceparent", Encoding.ASCII.GetBytes($"00-{traceId}-{parentSpan}-01") } },
        });

        using var reader = KafkaTestClient.Consumer(broker.BootstrapServers, topics.Events);
        var header = Assert.Single(KafkaTestClient.Read(reader, 1, Wait)).Header("traceparent").Split('-');

        Assert.Equal(traceId, header[1]);
        Assert.NotEqual(parentSpan, header[2]);
        Assert.Equal("01", header[3]);
    }

    [Fact]
    public async Task IncomingTracestateTravelsWithTheTrace()
    {
        var topics = await IngestionTopics.CreateAsync(broker);
        var valid = new SampleEventGenerator(new SampleEventOptions { InvalidShare = 0 }).Generate().First();
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var pipeline = new RunningPipeline(broker.BootstrapServers, topics.Options("g-" + Guid.NewGuid()));
        using var producer = KafkaTestClient.Producer(broker.BootstrapServers);
        await producer.ProduceAsync(topics.InputFor(valid.Topic), new Message<string, string>
        {
            Key = valid.Key,
            Value = valid.Value,
            Headers = new Headers
            {
                { "traceparent", Encoding.ASCII.GetBytes($"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-00") },
                { "tracestate", "vendor=abc,other=1"u8.ToArray() },
            },
        });

        using var reader = KafkaTestClient.Consumer(broker.BootstrapServers, topics.Events);
        var output = Assert.Single(KafkaTestClient.Read(reader, 1, Wait));

        Assert.Equal(traceId, output.Header("traceparent").Split('-')[1]);
        Assert.Equal("00", output.Header("traceparent").Split('-')[3]);
        Assert.Equal("vendor=abc,other=1", output.Header("tracestate"));
    }

    [Fact]
    public async Task CommittedBatchesAreNotReadAgainAfterAGracefulRestart()
    {
        var topics = await IngestionTopics.CreateAsync(broker);
        var group = "g-" + Guid.NewGuid();
        var events = new SampleEventGenerator(new SampleEventOptions { InvalidShare = 0 }).Generate().Take(400).ToList();
        using var reader = KafkaTestClient.Consumer(broker.BootstrapServers, topics.Events);
        List<ConsumeResult<string, byte[]>> all;

        using (new RunningPipeline(broker.BootstrapServers, topics.Options(group)))
        {
            await topics.ProduceAsync(broker.BootstrapServers, events[..250]);
            all = KafkaTestClient.Read(reader, 250, Wait);
        }

        using var second = new RunningPipeline(broker.BootstrapServers, topics.Options(group));
        await topics.ProduceAsync(broker.BootstrapServers, events[250..]);
        KafkaTestClient.ReadUntil(reader, r => r.Count >= 400, Wait, all);
        KafkaTestClient.ReadUntil(reader, _ => false, TimeSpan.FromSeconds(2), all);

        Assert.Equal(400, all.Count);
        Assert.Equal(400, all.Select(r => Parse(r).EventId).Distinct().Count());
    }

    [Fact]
    public async Task HealthReportsTheLoopRunning()
    {
        var topics = await IngestionTopics.CreateAsync(broker);
        using var pipeline = new RunningPipeline(broker.BootstrapServers, topics.Options("g-" + Guid.NewGuid()));
        var clock = Stopwatch.StartNew();
        while (!pipeline.Health.Running && clock.Elapsed < Wait)
        {
            await Task.Delay(50);
        }

        Assert.True(pipeline.Health.Running);
        Assert.Null(pipeline.Health.WaitingFor);
        pipeline.Stop();
        Assert.False(pipeline.Health.Running);
    }


    private static CreatorEvent Parse(ConsumeResult<string, byte[]> record) =>
        JsonSerializer.Deserialize(record.Message.Value, GovernanceJsonContext.Default.CreatorEvent)!;
}
