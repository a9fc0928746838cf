using System.Collections.Concurrent;
using System.Text.Json;
using Confluent.Kafka;
using Governance.Contracts;
using Governance.SampleData;
using Governance.Testing;
using Xunit.Abstractions;

namespace Governance.Ingestion.IntegrationTests;

/// <summary>The service as a real process, SIGKILLed mid-stream and restarted, loses no event.</summary>
[Collection(KafkaCollection.Name)]
public sealed class IngestionCrashTests(KafkaBroker broker, ITestOutputHelper output)
{
    [Fact]
    public async Task KilledAndRestartedServiceLosesNoEvent()
    {
        var topics = await IngestionTopics.CreateAsync(broker, partitions: 4);
        var group = "g-" + Guid.NewGuid();
        var environment = topics.Environment(broker.BootstrapServers, group);
        // A killed member holds its partitions until its session expires; keep that short for the test.
        environment["Kafka__Consumer__session.timeout.ms"] = "6000";
        environment["Kafka__Consumer__heartbeat.interval.ms"] = "500";
        var events = new SampleEventGenerator(new SampleEventOptions { InvalidShare = 0.02, TooLargeBytes = 20_000, EventIdPrefix = "crash" })
            .Generate().Take(20_000).ToList();
        var dll = RepositoryPaths.BuiltDll("services", "Governance.Ingestion");

        using var collector = new TopicCollector(broker.BootstrapServers, topics.Events, topics.DeadLetter);
        var service = ServiceProcess.Start(dll, environment);
        var expectedDead = new ConcurrentBag<string>();
        var producing = Task.Run(() => Produce(topics, events, expectedDead));
        var kills = 0;
        var random = new Random(7);
        try
        {
            while (!producing.IsCompleted || kills < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(2500 + random.Next(2500)));
                service.Kill();
                kills++;
                output.WriteLine($"kill #{kills} after {collector.Count} records out");
                service.Dispose();
                service = ServiceProcess.Start(dll, environment);
                if (kills >= 6)
                {
                    break;
                }
            }

            await producing;
            var expectedIds = events.Where(e => e.ExpectedRejection is null).Select(e => e.EventId).ToHashSet();
            var done = collector.WaitFor(
                c => expectedIds.IsSubsetOf(c.EventIds) && expectedDead.All(c.DeadLetterSources.Contains),
                TimeSpan.FromSeconds(120));

            var missing = expectedIds.Except(collector.EventIds).Count();
            var missingDead = expectedDead.Count(d => !collector.DeadLetterSources.Contains(d));
            output.WriteLine($"kills {kills}; in {events.Count}; out {collector.EventCount} events ({collector.EventCount - collector.EventIds.Count} duplicates), {collector.DeadLetterCount} dead letters; missing {missing} events, {missingDead} dead letters");
            Assert.True(done, $"missing {missing} events and {missingDead} dead letters after {kills} kills\n{service.Output}");
            Assert.True(kills >= 3);
            Assert.Empty(collector.EventIds.Except(expectedIds));
            Assert.Equal(0, collector.Mismatched);
        }
        finally
        {
            service.Dispose();
        }
    }

    private void Produce(IngestionTopics topics, List<RawEvent> events, ConcurrentBag<string> expectedDead)
    {
        using var producer = KafkaTestClient.Producer(broker.BootstrapServers);
        foreach (var chunk in events.Chunk(250))
        {
            foreach (var e in chunk)
            {
                var topic = topics.InputFor(e.Topic);
                producer.Produce(topic, new Message<string, string> { Key = e.Key, Value = e.Value }, report =>
                {
                    if (e.ExpectedRejection is not null && !report.Error.IsError)
                    {
                        expectedDead.Add(TopicCollector.Source(topic, report.Partition.Value, report.Offset.Value));
                    }
                });
            }

            // A steady stream (~2,500 events/s), so the kills land mid-stream.
            Thread.Sleep(100);
        }

        producer.Flush(TimeSpan.FromSeconds(60));
    }
}
