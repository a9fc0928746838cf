using System.Diagnostics;
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
public sealed class IngestionPipeline : IBatchProcessor<byte[], byte[], IngestionPipeline.PreparedBatch>
{
    private readonly IngestionOptions _options;
    private readonly IOptions<KafkaSettings> _kafka;
    private readonly IngestionTelemetry _telemetry;
    private readonly LoopHealth _health;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestionPipeline> _logger;
    private readonly OutputBufferPool _values;
    private readonly EventNormalizer _normalizer;
    private readonly KafkaErrorLog _producerErrors;

    // Span names of traced records, one per input topic (not concatenated per record).
    private readonly string _contentSpan;
    private readonly string _transactionsSpan;
    private IProducer<byte[], byte[]>? _producer;
    private ResiliencePipeline? _retry;
    private Error? _fatal;

    /// <summary>Creates the pipeline; <see cref="Run"/> starts it.</summary>
    public IngestionPipeline(
        IOptions<IngestionOptions> options,
        IOptions<KafkaSettings> kafka,
        IngestionTelemetry telemetry,
        LoopHealth health,
        TimeProvider time,
        ILogger<IngestionPipeline> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _kafka = kafka;
        _telemetry = telemetry;
        _health = health;
        _time = time;
        _logger = logger;
        _producerErrors = new KafkaErrorLog(logger, "producer", time);
        _contentSpan = "ingest " + _options.ContentTopic;
        _transactionsSpan = "ingest " + _options.TransactionsTopic;

        // A batch is prepared while the previous one is produced: room for both and one more.
        _values = new OutputBufferPool(3 * _options.BatchSize);
        _normalizer = new EventNormalizer(_options.Limits, time, _values.Rent);
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires or a fatal Kafka error; blocks the calling thread.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        KafkaNativeLibrary.EnsureLoaded();
        using var producer = new ProducerBuilder<byte[], byte[]>(_kafka.Value.Apply(new ProducerConfig
        {
            ClientId = "governance-ingestion",
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            CompressionType = CompressionType.Lz4,

            // Delivery reports are read for their error only: marshalling the headers, key and value
            // back into .NET for every record cost ~300 bytes of garbage each.
            DeliveryReportFields = "none",
        }))
            .SetErrorHandler((_, e) => OnProducerError(e))
            .Build();
        _producer = producer;
        _retry = BuildRetry();
        var loop = new KafkaConsumeLoop<byte[], byte[], PreparedBatch>(
            _kafka.Value.Apply(new ConsumerConfig
            {
                ClientId = "governance-ingestion",
                GroupId = _options.GroupId,
                EnableAutoCommit = false,
                EnableAutoOffsetStore = false,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,

                // The source topic and the producer's traceparent are read; the record timestamp is not.
                ConsumeResultFields = "topic,headers",
            }),
            new ConsumeLoopOptions { Topics = [_options.ContentTopic, _options.TransactionsTopic], BatchSize = _options.BatchSize, BatchMaxWait = _options.BatchMaxWait },
            this,
            _health,
            _time,
            _logger);
        IngestionLog.Started(_logger, $"{_options.ContentTopic}, {_options.TransactionsTopic}", _options.OutputTopic, _options.GroupId, _options.DeadLetterTopic);
        try
        {
            loop.Run(cancellationToken);
        }
        finally
        {
            _producer = null;
            IngestionLog.Stopped(_logger);
        }
    }

    /// <summary>Validates and normalizes a batch into the records to produce (on the poll thread, no I/O).</summary>
    public PreparedBatch Prepare(IReadOnlyList<ConsumeResult<byte[], byte[]>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var span = _telemetry.ActivitySource.StartActivity("ingest batch", ActivityKind.Consumer);
        span?.SetTag("messaging.batch.message_count", records.Count);
        var output = new (string Topic, Message<byte[], byte[]> Message)[records.Count];
        var perReason = new int[RejectionReasons.All.Count];
        var deadLettered = 0;

        // Records that carry no trace join the batch's: one header for all of them (the batch span's
        // context when there is one, else one new trace per batch), instead of a new trace and header each.
        // A record that carries a trace continues it: its own span when one is recorded, else a new span id
        // in its trace (OpenTelemetry's W3C propagator reads the producer's header and writes ours).
        Headers? batchTrace = null;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var content = record.Topic == _options.ContentTopic;
            var parent = KafkaTraceContext.Extract(record.Message.Headers);
            var traced = parent != default;
            using var activity = traced
                ? _telemetry.ActivitySource.StartActivity(content ? _contentSpan : _transactionsSpan, ActivityKind.Consumer, parent)
                : null;
            if (_normalizer.TryNormalize(record.Message.Value, content ? EventSource.Content : EventSource.Transaction, out var normalized, out var rejection, record.Message.Key))
            {
                output[i] = (_options.OutputTopic, new Message<byte[], byte[]>
                {
                    Key = normalized.Key,
                    Value = normalized.Value,
                    Headers = traced
                        ? KafkaTraceContext.Inject(activity?.Context ?? TraceContext.Continue(parent), new Headers())
                        : (batchTrace ??= KafkaTraceContext.Inject(span?.Context ?? TraceContext.NewTrace(), new Headers())),
                });
            }
            else
            {
                output[i] = (_options.DeadLetterTopic, DeadLetters.For(record, rejection!.Reason, rejection.Message, _time.GetUtcNow()));
                perReason[IndexOf(rejection!.Reason)]++;
                deadLettered++;
                IngestionLog.DeadLettered(_logger, record.Topic, record.Partition.Value, record.Offset.Value, rejection.Reason);
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
        _values.Return(NormalizedValues(batch));
        _health.Waiting(null);
        _telemetry.RecordsIn.Add(batch.Output.Length);
        _telemetry.RecordsOut.Add(batch.Output.Length - batch.DeadLettered);
        for (var i = 0; i < batch.PerReason.Length; i++)
        {
            if (batch.PerReason[i] > 0)
            {
                _telemetry.DeadLettered.Add(batch.PerReason[i], new KeyValuePair<string, object?>("reason", RejectionReasons.All[i]));
            }
        }

        _telemetry.Lag = _health.Lag;
        var elapsed = Stopwatch.GetElapsedTime(started);
        _telemetry.BatchDuration.Record(elapsed.TotalSeconds);
        IngestionLog.BatchCommitted(_logger, batch.Output.Length, batch.Output.Length - batch.DeadLettered, batch.DeadLettered, elapsed.TotalMilliseconds);
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
            _telemetry.DeliveryFailures.Add(1);
            throw new KafkaException(error);
        }
    }

    // The output arrays of the normalized records (dead letters carry the input's own arrays).
    private IEnumerable<byte[]> NormalizedValues(PreparedBatch batch)
    {
        foreach (var (topic, message) in batch.Output)
        {
            if (ReferenceEquals(topic, _options.OutputTopic))
            {
                yield return message.Value;
            }
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
                _health.Waiting("Kafka");
                IngestionLog.DeliveryFailed(_logger, args.Outcome.Exception!, args.RetryDelay.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private void OnProducerError(Error error)
    {
        if (error.IsFatal)
        {
            IngestionLog.Fatal(_logger, "producer", error.Reason, error.Code);
            _fatal = error;
        }
        else
        {
            _producerErrors.Log(error);
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
