using Governance.Hosting;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Governance.Contracts;
using Governance.Validation;
using Governance.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Ingestion.Pipeline;

/// <summary>
/// The consume → validate → produce loop. At-least-once: a batch's offsets are committed only after
/// every record it produced (event or dead letter) was acknowledged by the brokers; a batch that was
/// not is rewound and produced again, so a crash at any point loses nothing and a redelivered record
/// keeps its eventId.
/// </summary>
public sealed class IngestionPipeline(
    IOptions<IngestionOptions> options,
    IOptions<KafkaSettings> kafka,
    IngestionTelemetry telemetry,
    LoopHealth health,
    TimeProvider time,
    ILogger<IngestionPipeline> logger)
{
    // A rebalance must not wait for Kafka's 5-minute delivery timeout.
    private static readonly TimeSpan RevokeBudget = TimeSpan.FromSeconds(30);
    private readonly IngestionOptions _options = options.Value;
    private readonly List<ConsumeResult<byte[], byte[]>> _batch = [];
    private Error? _fatal;
    private BatchReader<byte[], byte[]>? _reader;

    /// <summary>Runs until <paramref name="cancellationToken"/> fires or a fatal Kafka error; blocks the calling thread.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        KafkaNativeLibrary.EnsureLoaded();
        using var normalizer = new EventNormalizer(_options.Limits, time);
        using var producer = BuildProducer();
        using var consumer = BuildConsumer(producer, normalizer);
        var reader = new BatchReader<byte[], byte[]>(consumer, _options.BatchSize, _options.BatchMaxWait);
        _reader = reader;
        consumer.Subscribe([_options.ContentTopic, _options.TransactionsTopic]);
        IngestionLog.Started(logger, $"{_options.ContentTopic}, {_options.TransactionsTopic}", _options.OutputTopic, _options.GroupId, _options.DeadLetterTopic);
        health.SetRunning(true);
        var backoff = _options.RetryBackoff;
        try
        {
            while (!cancellationToken.IsCancellationRequested && _fatal is null)
            {
                reader.Fill(_batch, health.Polled, () => cancellationToken.IsCancellationRequested || _fatal is not null);
                if (_batch.Count == 0)
                {
                    continue;
                }

                if (Deliver(producer, normalizer, cancellationToken) is { } error)
                {
                    Rewind(reader, error, ref backoff, cancellationToken);
                    continue;
                }

                backoff = _options.RetryBackoff;
                Commit(reader);
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
            IngestionLog.Stopped(logger);
        }

        if (_fatal is { } fatal)
        {
            throw new KafkaException(fatal);
        }
    }

    /// <summary>Produces the batch and waits for every acknowledgement; returns the first delivery error.</summary>
    private string? Deliver(IProducer<byte[], byte[]> producer, EventNormalizer normalizer, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = telemetry.ActivitySource.StartActivity("ingest batch", ActivityKind.Consumer);
        span?.SetTag("messaging.batch.message_count", _batch.Count);
        string? firstError = null;
        void OnDelivery(DeliveryReport<byte[], byte[]> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.CompareExchange(ref firstError, report.Error.ToString(), null);
            }
        }

        int produced = 0, deadLettered = 0;
        Span<int> perReason = stackalloc int[RejectionReasons.All.Count];
        foreach (var record in _batch)
        {
            var source = record.Topic == _options.ContentTopic ? EventSource.Content : EventSource.Transaction;
            var parent = TraceParent.Read(record.Message.Headers);
            using var activity = parent is { } p
                ? telemetry.ActivitySource.StartActivity("ingest " + record.Topic, ActivityKind.Consumer, p)
                : null;
            if (normalizer.TryNormalize(record.Message.Value, source, out var normalized, out var rejection))
            {
                var headers = new Headers { { TraceParent.Header, TraceParent.Write(activity ?? span, parent ?? span?.Context) } };
                producer.Produce(_options.OutputTopic, new Message<byte[], byte[]>
                {
                    Key = Encoding.UTF8.GetBytes(normalized.CreatorId),
                    Value = normalized.Value,
                    Headers = headers,
                }, OnDelivery);
                produced++;
            }
            else
            {
                producer.Produce(_options.DeadLetterTopic, DeadLetter(record, rejection!), OnDelivery);
                perReason[IndexOf(rejection!.Reason)]++;
                deadLettered++;
                IngestionLog.DeadLettered(logger, record.Topic, record.Partition.Value, record.Offset.Value, rejection.Reason);
            }
        }

        producer.Flush(cancellationToken);
        if (firstError is not null)
        {
            telemetry.DeliveryFailures.Add(1);
            return firstError;
        }

        telemetry.RecordsIn.Add(_batch.Count);
        telemetry.RecordsOut.Add(produced);
        for (var i = 0; i < perReason.Length; i++)
        {
            if (perReason[i] > 0)
            {
                telemetry.DeadLettered.Add(perReason[i], new KeyValuePair<string, object?>("reason", RejectionReasons.All[i]));
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        telemetry.BatchDuration.Record(elapsed.TotalSeconds);
        IngestionLog.BatchCommitted(logger, _batch.Count, produced, deadLettered, elapsed.TotalMilliseconds);
        return null;
    }

    private Message<byte[], byte[]> DeadLetter(ConsumeResult<byte[], byte[]> record, Rejection rejection)
    {
        // The original key, value and headers unchanged; the reason added.
        var headers = new Headers();
        foreach (var header in record.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        headers.Add(DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(record.Topic));
        headers.Add(DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(record.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(record.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(rejection.Reason));
        headers.Add(DeadLetterHeaders.Message, Encoding.UTF8.GetBytes(rejection.Message));
        headers.Add(DeadLetterHeaders.RejectedAt, Encoding.UTF8.GetBytes(time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
        return new Message<byte[], byte[]> { Key = record.Message.Key, Value = record.Message.Value, Headers = headers };
    }

    private void Rewind(BatchReader<byte[], byte[]> reader, string error, ref TimeSpan backoff, CancellationToken cancellationToken)
    {
        health.Waiting("Kafka");
        IngestionLog.DeliveryFailed(logger, _batch.Count, error, backoff.TotalMilliseconds);
        reader.Rewind(_batch);
        _batch.Clear();
        cancellationToken.WaitHandle.WaitOne(backoff);
        backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxRetryBackoff.Ticks));
    }

    private void Commit(BatchReader<byte[], byte[]> reader)
    {
        try
        {
            reader.Commit(_batch);
            health.Waiting(null);
        }
        catch (KafkaException ex) when (!ex.Error.IsFatal)
        {
            IngestionLog.CommitFailed(logger, ex.Error.ToString());
        }
        finally
        {
            _batch.Clear();
        }
    }

    private IProducer<byte[], byte[]> BuildProducer()
    {
        var config = kafka.Value.Apply(new ProducerConfig
        {
            ClientId = "governance-ingestion",
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            CompressionType = CompressionType.Lz4,
        });
        return new ProducerBuilder<byte[], byte[]>(config)
            .SetErrorHandler((_, e) => OnError("producer", e))
            .Build();
    }

    private IConsumer<byte[], byte[]> BuildConsumer(IProducer<byte[], byte[]> producer, EventNormalizer normalizer)
    {
        var config = kafka.Value.Apply(new ConsumerConfig
        {
            ClientId = "governance-ingestion",
            GroupId = _options.GroupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        });
        return new ConsumerBuilder<byte[], byte[]>(config)
            .SetErrorHandler((_, e) => OnError("consumer", e))
            .SetPartitionsAssignedHandler((_, partitions) => IngestionLog.Assigned(logger, string.Join(", ", partitions)))
            .SetPartitionsRevokedHandler((_, partitions) =>
            {
                // Called inside Consume on this thread: finish the batch in hand while we still own it.
                IngestionLog.Revoked(logger, string.Join(", ", partitions));
                using var timeout = new CancellationTokenSource(RevokeBudget);
                try
                {
                    if (_batch.Count > 0 && _reader is not null && Deliver(producer, normalizer, timeout.Token) is null)
                    {
                        Commit(_reader);
                    }
                }
                catch (OperationCanceledException)
                {
                    // Not acknowledged in time: leave it uncommitted for the partitions' next owner.
                }

                _batch.Clear();
            })
            .SetPartitionsLostHandler((_, partitions) =>
            {
                IngestionLog.Lost(logger, string.Join(", ", partitions));
                _batch.Clear();
            })
            .Build();
    }

    private void OnError(string client, Error error)
    {
        if (error.IsFatal)
        {
            IngestionLog.Fatal(logger, client, error.Reason, error.Code);
            _fatal = error;
        }
        else
        {
            IngestionLog.ClientError(logger, client, error.Reason, error.Code);
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
}
