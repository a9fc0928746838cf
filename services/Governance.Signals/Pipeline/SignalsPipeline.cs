using Governance.Hosting;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Governance.Contracts;
using Governance.Kafka;
using Governance.Rules;
using Governance.Rules.Engine;
using Governance.Rules.Windows;
using Governance.Signals.Packs;
using Governance.Signals.Publishing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Signals.Pipeline;

/// <summary>
/// The consume → evaluate → publish loop. Per batch: one window-store call (Redis), signals published
/// with confirms, cooldowns written, then offsets committed. Redis or RabbitMQ down: the batch is
/// retried with back-off until they are back, so nothing is lost; redelivered events are deduplicated
/// by eventId in the store.
/// </summary>
public sealed class SignalsPipeline(
    IOptions<SignalsOptions> options,
    IOptions<KafkaSettings> kafka,
    IWindowStore store,
    ISignalPublisher publisher,
    RulePackHolder packs,
    SignalsTelemetry telemetry,
    LoopHealth health,
    TimeProvider time,
    ILogger<SignalsPipeline> logger)
{
    private readonly SignalsOptions _options = options.Value;
    private readonly RuleEngine _engine = new(store);
    private readonly List<ConsumeResult<string?, byte[]>> _batch = [];
    private Error? _fatal;

    /// <summary>Runs until cancelled or a fatal Kafka error; blocks the calling thread.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        KafkaNativeLibrary.EnsureLoaded();
        var retry = new DependencyRetry(_options, health, telemetry, logger);
        using var producer = new ProducerBuilder<string?, byte[]>(kafka.Value.Apply(new ProducerConfig { ClientId = "governance-signals", EnableIdempotence = true, Acks = Acks.All }))
            .SetErrorHandler((_, e) => OnError(e))
            .Build();
        using var consumer = new ConsumerBuilder<string?, byte[]>(kafka.Value.Apply(new ConsumerConfig
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
        }))
            .SetErrorHandler((_, e) => OnError(e))
            .SetPartitionsLostHandler((_, _) => _batch.Clear())
            .Build();
        var reader = new BatchReader<string?, byte[]>(consumer, _options.BatchSize, _options.BatchMaxWait);
        WaitForPack(cancellationToken);
        consumer.Subscribe(_options.InputTopic);
        SignalsLog.Started(logger, _options.InputTopic, _options.GroupId);
        health.SetRunning(true);
        try
        {
            while (!cancellationToken.IsCancellationRequested && _fatal is null)
            {
                reader.Fill(_batch, health.Polled, () => cancellationToken.IsCancellationRequested || _fatal is not null);
                if (_batch.Count == 0)
                {
                    continue;
                }

                ProcessAsync(producer, retry, cancellationToken).GetAwaiter().GetResult();
                try
                {
                    reader.Commit(_batch);
                }
                catch (KafkaException ex) when (!ex.Error.IsFatal)
                {
                    SignalsLog.CommitFailed(logger, ex.Error.ToString());
                }

                _batch.Clear();
                telemetry.Lag = reader.Lag();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the batch in hand is not committed and is read again after restart.
        }
        finally
        {
            health.SetRunning(false);
            _batch.Clear();
            consumer.Close();
            SignalsLog.Stopped(logger);
        }

        if (_fatal is { } fatal)
        {
            throw new KafkaException(fatal);
        }
    }

    private async Task ProcessAsync(IProducer<string?, byte[]> producer, DependencyRetry retry, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = telemetry.ActivitySource.StartActivity("evaluate batch", ActivityKind.Consumer);
        var pack = packs.Current!;
        var events = new List<RuleEvent>(_batch.Count);
        foreach (var record in _batch)
        {
            if (Read(record) is { } e)
            {
                events.Add(e);
            }
            else
            {
                await retry.RunAsync("Kafka dead-letter topic", token => producer.ProduceAsync(_options.DeadLetterTopic, record.Message, token), cancellationToken);
            }
        }

        var counters = new EngineCounters();
        var firings = await retry.RunAsync("Redis", token => _engine.EvaluateAsync(pack, events, counters, token), cancellationToken);
        var signals = new List<RiskSignalDetected>(firings.Count);
        if (firings.Count > 0)
        {
            var evidence = await retry.RunAsync(
                "Redis",
                token => store.GetEvidenceAsync([.. firings.Select(f => new EvidenceRequest(f.Event.CreatorId, f.EvidenceKey, f.Rule.Definition.Window, f.WindowEnd))], token),
                cancellationToken);
            var now = time.GetUtcNow();
            signals.AddRange(firings.Select((f, i) => SignalFactory.Create(f, evidence[i], now)));
            await retry.RunAsync("RabbitMQ", token => publisher.PublishAsync(signals, token), cancellationToken);
            await retry.RunAsync(
                "Redis",
                token => store.SetCooldownsAsync([.. firings.Select(f => new Cooldown(f.Event.CreatorId, f.Rule.Id, f.WindowEnd + f.Rule.Definition.Cooldown))], token),
                cancellationToken);
        }

        Count(counters, signals, events.Count);
        var elapsed = Stopwatch.GetElapsedTime(started);
        telemetry.BatchDuration.Record(elapsed.TotalSeconds);
        SignalsLog.BatchDone(logger, _batch.Count, signals.Count, pack.Version, elapsed.TotalMilliseconds);
    }

    private RuleEvent? Read(ConsumeResult<string?, byte[]> record)
    {
        try
        {
            if (record.Message.Value is { Length: > 0 } value && JsonSerializer.Deserialize(value, GovernanceJsonContext.Default.CreatorEvent) is { } e)
            {
                return RuleEvent.From(e);
            }
        }
        catch (JsonException ex)
        {
            SignalsLog.Unreadable(logger, record.Topic, record.Partition.Value, record.Offset.Value, ex.Message);
            AddDeadLetterHeaders(record, ex.Message);
            return null;
        }

        SignalsLog.Unreadable(logger, record.Topic, record.Partition.Value, record.Offset.Value, "empty value");
        AddDeadLetterHeaders(record, "empty value");
        return null;
    }

    private void AddDeadLetterHeaders(ConsumeResult<string?, byte[]> record, string message)
    {
        telemetry.Events.Add(1, new KeyValuePair<string, object?>("outcome", "unreadable"));
        var headers = record.Message.Headers ??= [];
        headers.Add(DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(record.Topic));
        headers.Add(DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(record.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(record.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(RejectionReasons.NotJson));
        headers.Add(DeadLetterHeaders.Message, Encoding.UTF8.GetBytes("not a CreatorEvent: " + message));
    }

    private void Count(EngineCounters counters, List<RiskSignalDetected> signals, int events)
    {
        telemetry.Events.Add(events - counters.Duplicates - counters.Late, new KeyValuePair<string, object?>("outcome", "applied"));
        telemetry.Events.Add(counters.Duplicates, new KeyValuePair<string, object?>("outcome", "duplicate"));
        telemetry.Events.Add(counters.Late, new KeyValuePair<string, object?>("outcome", "late"));
        foreach (var (rule, n) in counters.Errors)
        {
            telemetry.RuleErrors.Add(n, new KeyValuePair<string, object?>("rule", rule));
            SignalsLog.RuleErrors(logger, rule, n);
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

    private void OnError(Error error)
    {
        if (error.IsFatal)
        {
            SignalsLog.Fatal(logger, error.Reason);
            _fatal = error;
        }
    }
}
