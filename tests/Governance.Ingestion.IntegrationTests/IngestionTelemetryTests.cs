using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Governance.Contracts;
using Governance.Ingestion.Pipeline;
using Governance.SampleData;
using Governance.Testing;
using Microsoft.Extensions.Logging.Testing;

namespace Governance.Ingestion.IntegrationTests;

[Collection(KafkaCollection.Name)]
public sealed class IngestionTelemetryTests(KafkaBroker broker)
{
    private const string SecretText = "cura la diabetes en 3 días, producto milagro";

    [Fact]
    public async Task CountersReportRecordsInOutAndDeadLetteredByReasonAndLagDrainsToZero()
    {
        var topics = await IngestionTopics.CreateAsync(broker);
        var events = new SampleEventGenerator(new SampleEventOptions { InvalidShare = 0.1, TooLargeBytes = 300_000, EventIdPrefix = "metrics" }).Generate().Take(400).ToList();
        using var pipeline = new RunningPipeline(broker.BootstrapServers, topics.Options("g-" + Guid.NewGuid()));
        var totals = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IngestionTelemetry.Name && instrument.Meter.Scope == pipeline.MeterFactory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var reason = tags.ToArray().FirstOrDefault(t => t.Key == "reason").Value;
            totals.AddOrUpdate(instrument.Name + (reason is null ? "" : "/" + reason), value, (_, v) => instrument.Name.EndsWith("lag", StringComparison.Ordinal) ? value : v + value);
        });
        listener.Start();

        await topics.ProduceAsync(broker.BootstrapServers, events);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (totals.GetValueOrDefault("governance.ingestion.records.in") < events.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        listener.RecordObservableInstruments();
        Assert.Equal(events.Count, totals.GetValueOrDefault("governance.ingestion.records.in"));
        Assert.Equal(events.Count(e => e.ExpectedRejection is null), totals.GetValueOrDefault("governance.ingestion.records.out"));
        foreach (var reason in events.Where(e => e.ExpectedRejection is not null).GroupBy(e => e.ExpectedRejection!))
        {
            Assert.Equal(reason.Count(), totals.GetValueOrDefault("governance.ingestion.records.deadlettered/" + reason.Key));
        }

        Assert.Equal(0, totals.GetValueOrDefault("governance.ingestion.consumer.lag", -1));
    }

    [Fact]
    public async Task LogsNeverCarryEventText()
    {
        var topics = await IngestionTopics.CreateAsync(broker);
        var logs = new FakeLogCollector();
        var valid = $$"""{"eventId":"log-1","type":"live.comment","creatorId":"c","occurredAt":"{{DateTimeOffset.UtcNow:O}}","text":"{{SecretText}}"}""";
        var invalid = $$"""{"eventId":"log-2","type":"live.comment","creatorId":"c","occurredAt":"yesterday","text":"{{SecretText}}"}""";
        using (var pipeline = new RunningPipeline(broker.BootstrapServers, topics.Options("g-" + Guid.NewGuid()), new FakeLogger<IngestionPipeline>(logs)))
        {
            using var producer = KafkaTestClient.Producer(broker.BootstrapServers);
            await producer.ProduceAsync(topics.Content, new Message<string, string> { Key = "c", Value = valid });
            await producer.ProduceAsync(topics.Content, new Message<string, string> { Key = "c", Value = invalid });
            using var reader = KafkaTestClient.Consumer(broker.BootstrapServers, topics.Events);
            reader.Subscribe([topics.Events, topics.DeadLetter]);
            KafkaTestClient.Read(reader, 2, TimeSpan.FromSeconds(60));
        }

        // Message, structured arguments and exception: anything a sink could write out.
        var lines = logs.GetSnapshot().Select(r => $"{r.Message} {string.Join(" ", r.StructuredState ?? [])} {r.Exception}").ToList();
        Assert.Contains(lines, l => l.Contains(RejectionReasons.BadTimestamp, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("diabetes", StringComparison.OrdinalIgnoreCase));
    }

}
