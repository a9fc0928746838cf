using Confluent.Kafka;
using Governance.Ingestion.Pipeline;
using Governance.SampleData;
using Governance.Testing;
using Microsoft.Extensions.Logging.Testing;
using Xunit.Abstractions;

namespace Governance.Ingestion.IntegrationTests;

/// <summary>
/// A commit refused mid-rebalance (the chaos suite's <c>workers</c> runs met it): with cooperative
/// rebalancing the partitions stay the consumer's and nothing reads the records again, so the loop
/// must commit again itself, or the group's lag never clears once the stream goes quiet.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class CommitRetryTests(KafkaBroker broker, ITestOutputHelper output)
{
    private const short OffsetCommit = 8;

    [Fact]
    public async Task ACommitRefusedByTheGroupIsRetriedUntilTheCommittedOffsetsReachTheEnd()
    {
        var topics = await IngestionTopics.CreateAsync(broker, partitions: 2);
        var group = "g-" + Guid.NewGuid();
        var log = new FakeLogger<IngestionPipeline>();
        using var pipeline = new RunningPipeline(broker.BootstrapServers, topics.Options(group), log);
        using var collector = new TopicCollector(broker.BootstrapServers, topics.Events, topics.DeadLetter);
        await topics.ProduceAsync(broker.BootstrapServers, new SampleEventGenerator(new SampleEventOptions { InvalidShare = 0, EventIdPrefix = "warm" }).Generate().Take(20));
        Assert.True(collector.WaitFor(c => c.EventCount >= 20, TimeSpan.FromSeconds(60)), "the pipeline never ran");
        Assert.True(await CommittedToTheEndAsync(topics, group, TimeSpan.FromSeconds(30)), "the first batch was never committed");

        // The next commits are refused as a rebalance would refuse them; no record follows the batch.
        Assert.True(broker.FailNextRequests(OffsetCommit, ErrorCode.RebalanceInProgress), "only librdkafka's mock cluster can refuse commits on demand");
        await topics.ProduceAsync(broker.BootstrapServers, new SampleEventGenerator(new SampleEventOptions { InvalidShare = 0, EventIdPrefix = "last", Seed = 3 }).Generate().Take(20));
        Assert.True(collector.WaitFor(c => c.EventCount >= 40, TimeSpan.FromSeconds(60)), "the last batch was not processed");

        var caughtUp = await CommittedToTheEndAsync(topics, group, TimeSpan.FromSeconds(30));
        output.WriteLine($"events out {collector.EventCount}; committed to the end: {caughtUp}");
        foreach (var record in log.Collector.GetSnapshot())
        {
            output.WriteLine($"{record.Timestamp:HH:mm:ss.fff} {record.Level} {record.Message} {record.Exception?.Message}");
        }

        Assert.True(caughtUp, "the group's committed offsets stayed behind the processed records");
    }

    private async Task<bool> CommittedToTheEndAsync(IngestionTopics topics, string group, TimeSpan timeout)
    {
        using var probe = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = broker.BootstrapServers, GroupId = group, EnableAutoCommit = false }).Build();
        var partitions = new[] { topics.Content, topics.Transactions }.SelectMany(t => Enumerable.Range(0, 2).Select(p => new TopicPartition(t, p))).ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var committed = probe.Committed(partitions, TimeSpan.FromSeconds(5));
                // A partition that never got a record has nothing to commit (high watermark 0).
                if (committed.All(c => probe.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(5)).High.Value is var high && (high == 0 || c.Offset.Value >= high)))
                {
                    return true;
                }
            }
            catch (KafkaException ex)
            {
                output.WriteLine($"probe: {ex.Error.Reason}");
            }

            await Task.Delay(250);
        }

        return false;
    }
}
