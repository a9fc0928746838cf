using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Governance.Contracts;
using Governance.Hosting;
using Governance.Kafka;
using Governance.Kafka.Consuming;
using Governance.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Governance.Ingestion.Pipeline;

/// <summary>
/// The consume → validate → produce pipeline on the shared <see cref="KafkaConsumeLoop{TKey, TValue, TBatch}"/>.
/// At-least-once: records are validated and normalized while the previous batch is produced; a batch's
/// offsets are committed only after every record it produced (event or dead letter) was acknowledged;
/// a batch that was not is produced again with back-off (Polly) while the loop keeps polling, so a
/// crash at any point loses nothing and a redelivered record keeps its eventId.
/// </summary>
public sealed class IngestionPipeline(
    IOptions<IngestionOptions> options,
    IOptions<KafkaSettings> kafka,
    IngestionTelemetry telemetry,
    LoopHealth health,
    TimeProvider time,
    ILogger<IngestionPipeline> logger) : IBatchProcessor<byte[], byte[], IngestionPipeline.PreparedBatch>
{
    private readonly IngestionOptions _options = options.Value;
    private EventNormalizer? _normalizer;
    private IProducer<byte[], byte[]>? _producer;
    private ResiliencePipeline? _retry;
    private Error? _fatal;

    /// <summary>Runs until <paramref name="cancellationToken"/> fires or a fatal Kafka error; blocks the calling thread.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        KafkaNativeLibrary.EnsureLoaded();
        using var normalizer = new EventNormalizer(_options.Limits, time);
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.Value.Apply(new ProducerConfig
        {
            ClientId = "governance-ingestion",
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            CompressionType = CompressionType.Lz4,
        }))
            .SetErrorHandler((_, e) => OnProducerError(e))
            .Build();
        _normalizer = normalizer;
        _producer = producer;
        _retry = BuildRetry();
        var loop = new KafkaConsumeLoop<byte[], byte[], PreparedBatch>(
            kafka.Value.Apply(new ConsumerConfig
            {
                ClientId = "governance-ingestion",
                GroupId = _options.GroupId,
                EnableAutoCommit = false,
                EnableAutoOffsetStore = false,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            }),
            new ConsumeLoopOptions { Topics = [_options.ContentTopic, _options.TransactionsTopic], BatchSize = _options.BatchSize, BatchMaxWait = _options.BatchMaxWait },
            this,
            health,
            logger);
        IngestionLog.Started(logger, $"{_options.ContentTopic}, {_options.TransactionsTopic}", _options.OutputTopic, _options.GroupId, _options.DeadLetterTopic);
        try
        {
            loop.Run(cancellationToken);
        }
        finally
        {
            _producer = null;
            _normalizer = null;
            IngestionLog.Stopped(logger);
        }
    }

    /// <summary>Validates and normalizes a batch into the records to produce (on the poll thread, no I/O).</summary>
    public PreparedBatch Prepare(IReadOnlyList<ConsumeResult<byte[], byte[]>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var normalizer = _normalizer!;
        using var span = telemetry.ActivitySource.StartActivity("ingest batch", ActivityKind.Consumer);
        span?.SetTag("messaging.batch.message_count", records.Count);
        var output = new (string Topic, Message<byte[], byte[]> Message)[records.Count];
        var perReason = new int[RejectionReasons.All.Count];
        var deadLettered = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var source = record.Topic == _options.ContentTopic ? EventSource.Content : EventSource.Transaction;
            var parent = TraceParent.Read(record.Message.Headers);
            using var activity = parent is { } p
                ? telemetry.ActivitySource.StartActivity("ingest " + record.Topic, ActivityKind.Consumer, p)
                : null;
            if (normalizer.TryNormalize(record.Message.Value, source, out var normalized, out var rejection))
            {
                output[i] = (_options.OutputTopic, new Message<byte[], byte[]>
                {
                    Key = Encoding.UTF8.GetBytes(normalized.CreatorId),
                    Value = normalized.Value,
                    Headers = new Headers { { TraceParent.Header, TraceParent.Write(activity ?? span, parent ?? span?.Context) } },
                });
            }
            else
            {
                output[i] = (_options.DeadLetterTopic, DeadLetters.For(record, rejection!.Reason, rejection.Message, time.GetUtcNow()));
                perReason[IndexOf(rejection!.Reason)]++;
                deadLettered++;
                IngestionLog.DeadLettered(logger, record.Topic, record.Partition.Value, record.Offset.Value, rejection.Reason);
            }
        }

        return new PreparedBatch(output, perReason, deadLettered);
    }

    /// <summary>Produces the batch and returns once every record is acknowledged; produces it again (with back-off) until it is.</summary>
    public async Task ProcessAsync(PreparedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var started = Stopwatch.GetTimestamp();
        await _retry!.ExecuteAsync(static async (state, token) => await state.Pipeline.DeliverAsync(state.Batch, token), (Pipeline: this, Batch: batch), cancellationToken);
        health.Waiting(null);
        telemetry.RecordsIn.Add(batch.Output.Length);
        telemetry.RecordsOut.Add(batch.Output.Length - batch.DeadLettered);
        for (var i = 0; i < batch.PerReason.Length; i++)
        {
            if (batch.PerReason[i] > 0)
            {
                telemetry.DeadLettered.Add(batch.PerReason[i], new KeyValuePair<string, object?>("reason", RejectionReasons.All[i]));
            }
        }

        telemetry.Lag = health.Lag;
        var elapsed = Stopwatch.GetElapsedTime(started);
        telemetry.BatchDuration.Record(elapsed.TotalSeconds);
        IngestionLog.BatchCommitted(logger, batch.Output.Length, batch.Output.Length - batch.DeadLettered, batch.DeadLettered, elapsed.TotalMilliseconds);
    }

    /// <summary>Produces every record and waits for all acknowledgements; throws with the first delivery error.</summary>
    private async Task DeliverAsync(PreparedBatch batch, CancellationToken cancellationToken)
    {
        if (_fatal is { } fatal)
        {
            throw new KafkaException(fatal);
        }

        var producer = _producer!;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outstanding = batch.Output.Length;
        Error? firstError = null;
        void OnDelivery(DeliveryReport<byte[], byte[]> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.CompareExchange(ref firstError, report.Error, null);
            }

            if (Interlocked.Decrement(ref outstanding) == 0)
            {
                done.TrySetResult();
            }
        }

        foreach (var (topic, message) in batch.Output)
        {
            producer.Produce(topic, message, OnDelivery);
        }

        if (batch.Output.Length > 0)
        {
            await done.Task.WaitAsync(cancellationToken);
        }

        if (firstError is { } error)
        {
            telemetry.DeliveryFailures.Add(1);
            throw new KafkaException(error);
        }
    }

    private ResiliencePipeline BuildRetry() => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.RetryBackoff,
            MaxDelay = _options.MaxRetryBackoff,

            // A fatal producer error will not heal: the loop stops and the process exits.
            ShouldHandle = new PredicateBuilder().Handle<KafkaException>(ex => !ex.Error.IsFatal && _fatal is null),
            OnRetry = args =>
            {
                health.Waiting("Kafka");
                IngestionLog.DeliveryFailed(logger, args.Outcome.Exception!, args.RetryDelay.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private void OnProducerError(Error error)
    {
        if (error.IsFatal)
        {
            IngestionLog.Fatal(logger, "producer", error.Reason, error.Code);
            _fatal = error;
        }
        else
        {
            IngestionLog.ClientError(logger, "producer", error.Reason, error.Code);
        }
    }

    private static int IndexOf(string reason)
    {
        for (var i = 0; i < RejectionReasons.All.Count; i++)
        {
            if (RejectionReasons.All[i] == reason)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a known rejection reason");
    }

    /// <summary>A batch validated and normalized: what to produce where, and the dead letters per reason.</summary>
    public sealed record PreparedBatch((string Topic, Message<byte[], byte[]> Message)[] Output, int[] PerReason, int DeadLettered);
}
