using System.Diagnostics;
using Governance.Alerting;
using Governance.Hosting;
using Governance.Ingestion;
using Governance.Signals;
using Governance.Testing;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// Issue 11: one trace from an input record to the moderation queue. The three services run in this
/// process with one tracer provider that records every span of their sources (and MassTransit's) into
/// memory; an input record carries the producer's <c>traceparent</c>, and the trace is followed span
/// by span to the CreatorFlagged message in the alerts queue.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class OneTraceTests(KafkaBroker broker, RedisServer redis, RabbitMqServer rabbit)
{
    private const string MassTransitSource = "MassTransit";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AnInputRecordsTraceRunsThroughIngestionSignalsAndAlertingToTheModerationQueue()
    {
        var spans = new ExportedSpans();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(IngestionTelemetry.Name, SignalsTelemetry.Name, AlertingTelemetry.Name, MassTransitSource)
            .SetSampler(new AlwaysOnSampler())
            .AddInMemoryExporter(spans)
            .Build();
        await using var services = await RunningServices.StartAsync(broker, redis, rabbit);

        // The upstream producer's span: trace T, span P. A prohibited health claim fires health-claims
        // (high, enforce) on its own, and one high signal opens an alert (rules/policy/escalation.yaml).
        var trace = ActivityTraceId.CreateRandom();
        var producerSpan = ActivitySpanId.CreateRandom();
        var creator = "c-" + Guid.NewGuid().ToString("N")[..8];
        var record = $$"""
            {"eventId":"{{creator}}-claim","type":"product.listed","creatorId":"{{creator}}","occurredAt":"{{DateTimeOffset.UtcNow:O}}","locale":"en-US","text":"The miracle cure your doctor won't tell you about","price":39.9,"currency":"USD","productIds":["sku-1"]}
            """;
        await services.ProduceContentAsync(creator, record, $"00-{trace.ToHexString()}-{producerSpan.ToHexString()}-01");

        var flagged = await services.TakeAlertAsync(creator, Wait);
        Assert.True(flagged.HasValue, "no CreatorFlagged reached the alerts queue");
        var (message, traceParent) = flagged.Value;
        var traced = await spans.WaitForTraceAsync(trace, s => IsComplete(s, producerSpan), TimeSpan.FromSeconds(30));

        // The moderation queue's message: the alert the record caused, in trace T.
        Assert.Equal("health-claims", Assert.Single(message.Signals).RuleId);
        Assert.Equal(trace, TraceContext.Parse(traceParent).TraceId);

        // Ingestion continued the producer's span; the signal worker the event's (ingestion's span).
        var ingest = Assert.Single(traced, s => s.Source.Name == IngestionTelemetry.Name);
        Assert.Equal(producerSpan, ingest.ParentSpanId);
        var publishSignal = Assert.Single(traced, s => s.Source.Name == SignalsTelemetry.Name);
        Assert.Equal(ingest.SpanId, publishSignal.ParentSpanId);
        Assert.Contains(traced, s => s.Source.Name == MassTransitSource && s.Kind == ActivityKind.Producer && s.ParentSpanId == publishSignal.SpanId);

        // Alerting consumed the signal in T and sent the alert in T, from its outbox.
        Assert.Contains(traced, s => s.Source.Name == MassTransitSource && s.Kind == ActivityKind.Consumer);
        var sendAlert = Assert.Single(traced, s => s.Source.Name == AlertingTelemetry.Name);
        var sendAlertTransport = Assert.Single(traced, s => s.Source.Name == MassTransitSource && s.Kind == ActivityKind.Producer && s.ParentSpanId == sendAlert.SpanId);
        Assert.Equal(sendAlertTransport.SpanId, TraceContext.Parse(traceParent).SpanId);

        // One connected trace: every span's parent is the producer's span or another span of the trace.
        Assert.True(IsConnected(traced, producerSpan), "spans of the trace whose parent is not in it: " + string.Join(", ", Orphans(traced, producerSpan).Select(s => $"{s.Source.Name}/{s.DisplayName}")));
    }

    // All the services' spans are in and connected (a parent ends after its children: wait for it too).
    private static bool IsComplete(IReadOnlyList<Activity> spans, ActivitySpanId root) =>
        spans.Any(s => s.Source.Name == IngestionTelemetry.Name)
        && spans.Any(s => s.Source.Name == SignalsTelemetry.Name)
        && spans.Any(s => s.Source.Name == MassTransitSource && s.Kind == ActivityKind.Consumer)
        && spans.Any(s => s.Source.Name == AlertingTelemetry.Name)
        && spans.Count(s => s.Source.Name == MassTransitSource && s.Kind == ActivityKind.Producer) >= 2
        && IsConnected(spans, root);

    private static bool IsConnected(IReadOnlyList<Activity> spans, ActivitySpanId root) => !Orphans(spans, root).Any();

    private static IEnumerable<Activity> Orphans(IReadOnlyList<Activity> spans, ActivitySpanId root)
    {
        var ids = spans.Select(s => s.SpanId).Append(root).ToHashSet();
        return spans.Where(s => !ids.Contains(s.ParentSpanId));
    }
}
