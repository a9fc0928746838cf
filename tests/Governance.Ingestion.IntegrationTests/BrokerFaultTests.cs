using Confluent.Kafka;
using Governance.SampleData;
using Governance.Testing;
using Xunit.Abstractions;

namespace Governance.Ingestion.IntegrationTests;

/// <summary>One broker down for a while: the service keeps running, catches up, loses nothing.</summary>
[Collection(KafkaCollection.Name)]
public sealed class BrokerFaultTests(KafkaBroker broker, ITestOutputHelper output)
{
    [Fact]
    public async Task ServiceCatchesUpAfterABrokerComesBack()
    {
        Assert.True(broker.CanInjectFaults, "this test needs the mock cluster or a container broker");
        var topics = await IngestionTopics.CreateAsync(broker, partitions: 3);
        foreach (var topic in new[] { topics.Content, topics.Transactions, topics.Events, topics.DeadLetter })
        {
            for (var partition = 0; partition < 3; partition++)
            {
                broker.SetLeader(topic, partition, partition + 1); // every topic has a partition led by broker 2
            }
        }

        var events = new SampleEventGenerator(new SampleEventOptions { InvalidShare = 0, EventIdPrefix = "fault" }).Generate().Take(6_000).ToList();
        using var collector = new TopicCollector(broker.BootstrapServers, topics.Events, topics.DeadLetter);
        using var pipeline = new RunningPipeline(broker.BootstrapServers, topics.Options("g-" + Guid.NewGuid()));

        var producing = Task.Run(() =>
        {
            using var producer = KafkaTestClient.Producer(broker.BootstrapServers);
            foreach (var chunk in events.Chunk(200))
            {
                foreach (var e in chunk)
                {
                    producer.Produce(topics.InputFor(e.Topic), new Message<string, string> { Key = e.Key, Value = e.Value });
                }

                Thread.Sleep(100);
            }

            producer.Flush(TimeSpan.FromSeconds(120));
        });

        await Task.Delay(1_000);
        var before = collector.EventCount;
        await broker.TakeDownAsync(2);
        await Task.Delay(6_000);
        var during = collector.EventCount;
        await broker.BringUpAsync(2);
        await producing;

        var ids = events.Select(e => e.EventId).ToHashSet();
        var done = collector.WaitFor(c => ids.IsSubsetOf(c.EventIds), TimeSpan.FromSeconds(120));
        output.WriteLine($"out before fault {before}, at end of fault {during}, final {collector.EventCount} ({collector.EventCount - collector.EventIds.Count} duplicates)");

        Assert.True(done, $"missing {ids.Except(collector.EventIds).Count()} of {ids.Count} events after the broker came back");
        Assert.True(pipeline.Health.Running, "the pipeline stopped during the fault");
        Assert.Equal(0, collector.Mismatched); // values produced again after the fault are the batch's own, not reused arrays
    }
}
