using Governance.Hosting;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Governance.Contracts;
using Governance.Kafka;
using Governance.Kafka.Consuming;
using Governance.Rules;
using Governance.Rules.Engine;
using Governance.Rules.Windows;
using Governance.Signals.Packs;
using Governance.Signals.Publishing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Signals.Pipeline;

/// <summary>
/// The consume → evaluate → publish pipeline on the shared <see cref="KafkaConsumeLoop{TKey, TValue, TBatch}"/>.
/// Per batch: windows applied (the worker's held state and the batch's input offsets written back to
/// Redis atomically per creator, firings written pending with them), signals published with confirms
/// into the durable queue, then confirmed in Redis; the loop commits the offsets after that and
/// prepares the next batch meanwhile. Redis or RabbitMQ down: the batch is retried with back-off while
/// the loop keeps polling with its partitions paused, so nothing is lost and the worker stays in its
/// group. A batch read again (crash, rebalance) applies nothing twice: its offsets are in the state.
/// </summary>
public sealed class SignalsPipeline(
    IOptions<SignalsOptions> options,
    IOptions<KafkaSettings> kafka,
    IWindowStore store,
    IPeerCounts peers,
    ISignalPublisher publisher,
    RulePackHolder packs,
    SignalsTelemetry telemetry,
    LoopHealth health,
    TimeProvider time,
    ILogger<SignalsPipeline> logger) : IBatchProcessor<string?, byte[], SignalsPipeline.PreparedBatch>
{
    private readonly SignalsOptions _options = options.Value;
    private readonly RuleEngine _engine = new(store, time, logger, peers);
    private readonly KafkaErrorLog _producerErrors = new(logger, "producer", time);
    private IProducer<string?, byte[]>? _producer;
    private DependencyRetry? _retry;
    private Error? _fatal;

    /// <summary>Runs until cancelled or a fatal Kafka error; blocks the calling thread.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        KafkaNativeLibrary.EnsureLoaded();
        _retry = new DependencyRetry(_options, health, telemetry, time, logger);
        using var producer = new ProducerBuilder<string?, byte[]>(kafka.Value.Apply(new ProducerConfig { ClientId = "governance-signals", EnableIdempotence = true, Acks = Acks.All }))
            .SetErrorHandler((_, e) => OnProducerError(e))
            .Build();
        _producer = producer;
        var loop = new KafkaConsumeLoop<string?, byte[], PreparedBatch>(
            kafka.Value.Apply(new ConsumerConfig
            {
                ClientId = "governance-signals",
                GroupId = _options.GroupId,
                EnableAutoCommit = false,
                EnableAutoOffsetStore = false,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,

                // Signals have a 250 ms budget: an idle fetch must not sit for librdkafka's default 500 ms
                // (brokers that answer early make this moot; the local mock cluster does not).
                FetchWaitMaxMs = 20,
            }),
            new ConsumeLoopOptions { Topics = [_options.InputTopic], BatchSize = _options.BatchSize, BatchMaxWait = _options.BatchMaxWait },
            this,
            health,
            time,
            logger);
        WaitForPack(cancellationToken);
        _retry.RunAsync("RabbitMQ", publisher.DeclareAsync, cancellationToken).GetAwaiter().GetResult();
        SignalsLog.Started(logger, _options.InputTopic, _options.GroupId);
        try
        {
            loop.Run(cancellationToken);
        }
        finally
        {
            _producer = null;
            SignalsLog.Stopped(logger);
        }
    }

    /// <summary>Parses and plans a batch (no I/O): unreadable records are set aside for the dead-letter topic.</summary>
    public PreparedBatch Prepare(IReadOnlyList<ConsumeResult<string?, byte[]>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var pack = packs.Current!;
        var events = new List<RuleEvent>(records.Count);
        var unreadable = new List<ConsumeResult<string?, byte[]>>();
        foreach (var record in records)
        {
            if (Read(record) is { } e)
            {
                events.Add(e);
            }
            else
            {
                unreadable.Add(record);
            }
        }

        var counters = new EngineCounters();
        var oldest = Oldest(records);
        RecordAge(oldest, "prepared");
        return new PreparedBatch(records, unreadable, pack, RuleEngine.Plan(pack, events, counters), counters, events.Count, oldest);
    }

    /// <summary>Applies, publishes and confirms a batch; returns when its effects are durable.</summary>
    public async Task ProcessAsync(PreparedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_fatal is { } fatal)
        {
            throw new KafkaException(fatal);
        }

        var producer = _producer!;
        var retry = _retry!;
        var started = Stopwatch.GetTimestamp();
        RecordAge(batch.OldestProducedAt, "started");
        using var span = telemetry.ActivitySource.StartActivity("evaluate batch", ActivityKind.Consumer);
        foreach (var record in batch.Unreadable)
        {
            await retry.RunAsync("Kafka dead-letter topic", token => producer.ProduceAsync(_options.DeadLetterTopic, record.Message, token), cancellationToken);
        }

        var counters = batch.Counters;
        var evaluated = await retry.RunAsync(
            "Redis",
            token => _engine.DecideAsync(batch.Plan, counters, (late, t) => DeadLetterTooLateAsync(batch, late, producer, t), token),
            cancellationToken);
        var signals = evaluated.Signals;
        if (signals.Count > 0)
        {
            // Each signal is pending in its creator's state until confirmed: a crash from here on
            // publishes the identical messages again (consumers dedup by signalId).
            var traces = TriggerTraces(batch.Records, evaluated.Firings);
            await retry.RunAsync("RabbitMQ", token => publisher.PublishAsync(signals, traces, token), cancellationToken);
            await retry.RunAsync("Redis", token => store.ConfirmAsync(signals, token), cancellationToken);
        }

        Count(counters, signals, batch.Events);
        telemetry.Lag = health.Lag;
        var elapsed = Stopwatch.GetElapsedTime(started);
        telemetry.BatchDuration.Record(elapsed.TotalSeconds);
        SignalsLog.BatchDone(logger, batch.Records.Count, signals.Count, batch.Pack.Version, elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// Per signal decided in this batch, the trace context of the record whose event made its rule fire
    /// (its <c>traceparent</c> header, which ingestion writes on every event), so that the signal's publish
    /// continues that trace. Only the firing records' headers are read, once the batch is decided; signals
    /// a previous worker decided are not among the firings and are published in the batch's span.
    /// </summary>
    internal static Dictionary<string, ActivityContext>? TriggerTraces(IReadOnlyList<ConsumeResult<string?, byte[]>> records, IReadOnlyList<RuleFiring> firings)
    {
        if (firings.Count == 0)
        {
            return null;
        }

        var triggers = new Dictionary<EventPosition, ActivityContext?>(firings.Count);
        foreach (var firing in firings)
        {
            triggers.TryAdd(firing.Event.Position, null);
        }

        var left = triggers.Count;
        for (var i = 0; i < records.Count && left > 0; i++)
        {
            var position = new EventPosition(records[i].Partition.Value, records[i].Offset.Value);
            if (triggers.TryGetValue(position, out var found) && found is null)
            {
                triggers[position] = KafkaTraceContext.Extract(records[i].Message.Headers);
                left--;
            }
        }

        Dictionary<string, ActivityContext>? traces = null;
        foreach (var firing in firings)
        {
            if (triggers[firing.Event.Position] is { } context && context != default)
            {
                traces ??= new Dictionary<string, ActivityContext>(firings.Count, StringComparer.Ordinal);
                traces.TryAdd(SignalIds.Of(firing), context);
            }
        }

        return traces;
    }

    /// <summary>The oldest producer timestamp of the batch's records, or null when the broker gave none.</summary>
    private static DateTimeOffset? Oldest(IReadOnlyList<ConsumeResult<string?, byte[]>> records)
    {
        long? oldest = null;
        foreach (var record in records)
        {
            if (record.Message.Timestamp.Type != TimestampType.NotAvailable && (oldest is null || record.Message.Timestamp.UnixTimestampMs < oldest))
            {
                oldest = record.Message.Timestamp.UnixTimestampMs;
            }
        }

        return oldest is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    private void RecordAge(DateTimeOffset? oldest, string stage)
    {
        if (oldest is { } at)
        {
            telemetry.InputAge.Record((time.GetUtcNow() - at).TotalSeconds, new KeyValuePair<string, object?>("stage", stage));
        }
    }

    private RuleEvent? Read(ConsumeResult<string?, byte[]> record)
    {
        string problem;
        JsonException? error = null;
        try
        {
            var e = record.Message.Value is { Length: > 0 } value ? JsonSerializer.Deserialize(value, GovernanceJsonContext.Default.CreatorEvent) : null;
            problem = e is null ? "empty value" : Missing(e) ?? "";
            if (problem.Length == 0)
            {
                return RuleEvent.From(e!, new EventPosition(record.Partition.Value, record.Offset.Value));
            }
        }
        catch (JsonException ex)
        {
            problem = ex.Message;
            error = ex;
        }

        SignalsLog.Unreadable(logger, error, record.Topic, record.Partition.Value, record.Offset.Value, problem);
        AddDeadLetterHeaders(record, problem);
        return null;
    }

    /// <summary>What a deserialized event lacks to be evaluated (JSON nulls pass the deserializer), or null.</summary>
    private static string? Missing(CreatorEvent e) =>
        string.IsNullOrEmpty(e.EventId) ? "eventId is missing"
        : string.IsNullOrEmpty(e.CreatorId) ? "creatorId is missing"
        : string.IsNullOrEmpty(e.Type) ? "type is missing"
        : !Enum.IsDefined(e.Source) ? "source is not content or transaction"
        : null;

    private void AddDeadLetterHeaders(ConsumeResult<string?, byte[]> record, string message)
    {
        telemetry.Events.Add(1, new KeyValuePair<string, object?>("outcome", "unreadable"));
        record.Message.Headers = DeadLetters.For(record, RejectionReasons.NotJson, "not a CreatorEvent: " + message, time.GetUtcNow()).Headers;
    }

    /// <summary>
    /// Dead-letters events too late for every window of their source, before the write that stores
    /// their offsets (a crash in between dead-letters them twice rather than never).
    /// </summary>
    private async Task DeadLetterTooLateAsync(PreparedBatch batch, IReadOnlyList<TooLateEvent> late, IProducer<string?, byte[]> producer, CancellationToken cancellationToken)
    {
        var records = batch.Records.ToDictionary(r => (r.Partition.Value, r.Offset.Value));
        var deliveries = new List<Task>(late.Count);
        foreach (var e in late)
        {
            var record = records[(e.Position.Partition, e.Position.Offset)];
            SignalsLog.TooLate(logger, e.EventId, e.Source, e.OccurredAt, e.Watermark);
            var message = string.Create(CultureInfo.InvariantCulture, $"occurredAt {e.OccurredAt:O} is older than every window of source '{e.Source}' (creator's {e.Source} watermark {e.Watermark:O})");
            deliveries.Add(producer.ProduceAsync(_options.DeadLetterTopic, DeadLetters.For(record, RejectionReasons.TooLate, message, time.GetUtcNow()), cancellationToken));
        }

        await Task.WhenAll(deliveries);
    }


    private void Count(EngineCounters counters, IReadOnlyList<RiskSignalDetected> signals, int events)
    {
        telemetry.Events.Add(events - counters.Duplicates - counters.TooLate, new KeyValuePair<string, object?>("outcome", "applied"));
        telemetry.Events.Add(counters.Duplicates, new KeyValuePair<string, object?>("outcome", "duplicate"));
        telemetry.Events.Add(counters.TooLate, new KeyValuePair<string, object?>("outcome", "too_late"));
        foreach (var (rule, n) in counters.Errors)
        {
            telemetry.RuleErrors.Add(n, new KeyValuePair<string, object?>("rule", rule));
        }

        foreach (var (rule, n) in counters.CooledDown)
        {
            telemetry.CooledDown.Add(n, new KeyValuePair<string, object?>("rule", rule));
        }

        foreach (var signal in signals)
        {
            telemetry.Signals.Add(1, new KeyValuePair<string, object?>("rule", signal.RuleId), new KeyValuePair<string, object?>("mode", signal.Mode));
        }
    }

    private void WaitForPack(CancellationToken cancellationToken)
    {
        if (packs.Current is not null)
        {
            return;
        }

        SignalsLog.WaitingForPack(logger);
        health.Waiting("rule pack");
        while (packs.Current is null && !cancellationToken.IsCancellationRequested)
        {
            cancellationToken.WaitHandle.WaitOne(200);
            health.Polled();
        }

        health.Waiting(null);
    }

    private void OnProducerError(Error error)
    {
        if (error.IsFatal)
        {
            SignalsLog.Fatal(logger, error.Reason);
            _fatal = error;
        }
        else
        {
            _producerErrors.Log(error);
        }
    }

    /// <summary>A batch parsed and planned, ready to apply.</summary>
    public sealed record PreparedBatch(
        IReadOnlyList<ConsumeResult<string?, byte[]>> Records,
        IReadOnlyList<ConsumeResult<string?, byte[]>> Unreadable,
        RulePack Pack,
        PlannedBatch Plan,
        EngineCounters Counters,
        int Events,
        DateTimeOffset? OldestProducedAt);
}
