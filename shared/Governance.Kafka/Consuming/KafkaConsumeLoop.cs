using System.Diagnostics;
using Confluent.Kafka;
using Governance.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.Kafka.Consuming;

/// <summary>
/// The consume loop both services run (on the Confluent examples' shape): batches are read, prepared
/// on the poll thread while the previous one is processed, processed by the service, and committed
/// only after their effects are durable. While a batch takes long (a dependency is down) the loop
/// pauses its partitions and keeps polling, so the consumer stays in its group. A revocation finishes
/// the batch in flight (or gives it up after <see cref="ConsumeLoopOptions.RevokeBudget"/>) before it
/// returns, drops what it read of the revoked partitions, and seeks kept partitions back to anything it
/// dropped of them, so no kept record is skipped. A commit that fails (a rebalance in progress) is
/// retried while the partitions stay this consumer's, so the group's committed offsets catch up even
/// when no later record of the partition comes. Call <see cref="Run"/> from one dedicated thread.
/// </summary>
/// <typeparam name="TKey">Record key type.</typeparam>
/// <typeparam name="TValue">Record value type.</typeparam>
/// <typeparam name="TBatch">The processor's prepared form of a batch.</typeparam>
public sealed class KafkaConsumeLoop<TKey, TValue, TBatch>(
    ConsumerConfig config,
    ConsumeLoopOptions options,
    IBatchProcessor<TKey, TValue, TBatch> processor,
    LoopHealth health,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan PausedPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CommitRetryInterval = TimeSpan.FromSeconds(1);
    private readonly Dictionary<TopicPartition, long> _uncommitted = [];
    private long _lastCommitRetry;
    private readonly KafkaClientDiagnostics _diagnostics = new(logger, time);
    private List<ConsumeResult<TKey, TValue>> _filling = [];
    private Prepared? _prepared;
    private InFlight? _inFlight;
    private IConsumer<TKey, TValue>? _consumer;
    private BatchReader<TKey, TValue>? _reader;
    private Error? _fatal;

    /// <summary>Offset resets seen (committed position no longer on the broker): data skipped or re-read.</summary>
    public long OffsetResets => _diagnostics.OffsetResets;

    /// <summary>Consumes until <paramref name="cancellationToken"/> fires or a fatal Kafka error (thrown); blocks the calling thread.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        KafkaNativeLibrary.EnsureLoaded();
        using var drain = _diagnostics.Start(cancellationToken);
        using var consumer = new ConsumerBuilder<TKey, TValue>(config)
            .SetErrorHandler((_, e) => OnError(e))
            .SetLogHandler((_, m) => _diagnostics.Log(m))
            .SetStatisticsHandler((_, json) => _diagnostics.Statistics(json))
            .SetPartitionsAssignedHandler((_, partitions) => KafkaLog.Assigned(logger, partitions.Count, string.Join(", ", partitions)))
            .SetPartitionsRevokedHandler((_, partitions) => GiveUp([.. partitions.Select(p => p.TopicPartition)], lost: false))
            .SetPartitionsLostHandler((_, partitions) => GiveUp([.. partitions.Select(p => p.TopicPartition)], lost: true))
            .Build();
        _consumer = consumer;
        _reader = new BatchReader<TKey, TValue>(consumer, options.BatchSize, options.BatchMaxWait);
        consumer.Subscribe(options.Topics);
        health.SetRunning(true);
        try
        {
            while (!cancellationToken.IsCancellationRequested && _fatal is null)
            {
                _reader.Fill(_filling, health.Polled, () => cancellationToken.IsCancellationRequested || _fatal is not null || _inFlight is { Work.IsCompleted: true } || CommitRetryDue);
                if (_filling.Count > 0)
                {
                    _prepared = new Prepared(_filling, processor.Prepare(_filling));
                    _filling = [];
                }

                if (_inFlight is { } current && Finish(current, cancellationToken))
                {
                    Commit(current.Records);
                }

                RetryFailedCommits();

                if (_prepared is { } next && _fatal is null)
                {
                    _prepared = null;
                    Start(next, cancellationToken);
                }

                health.Report(consumer.Assignment.Count, _diagnostics.Lag ?? _reader.Lag());
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what is not committed is read again after restart.
        }
        finally
        {
            if (_inFlight is { } unfinished)
            {
                Abandon(unfinished);
            }

            health.SetRunning(false);
            _prepared = null;
            _filling.Clear();
            consumer.Close();
            _consumer = null;
        }

        if (_fatal is { } fatal)
        {
            throw new KafkaException(fatal);
        }
    }

    private void Start(Prepared batch, CancellationToken cancellationToken)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Task.Run(() => processor.ProcessAsync(batch.Batch, cancel.Token), CancellationToken.None);
        _inFlight = new InFlight(batch.Records, work, cancel);
    }

    /// <summary>
    /// Waits for the batch in flight, polling with its partitions paused once it takes long; true when
    /// it succeeded and is still this loop's to commit (a revocation may have settled it meanwhile).
    /// </summary>
    private bool Finish(InFlight current, CancellationToken cancellationToken)
    {
        if (!Wait(current.Work, options.PauseAfter))
        {
            PollPaused(current, cancellationToken);
        }

        if (!ReferenceEquals(_inFlight, current))
        {
            return false;
        }

        if (!current.Work.IsCompleted)
        {
            // Stopping or fatal while it still ran.
            Abandon(current);
            _inFlight = null;
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }

        _inFlight = null;
        current.Cancel.Dispose();
        current.Work.GetAwaiter().GetResult();
        return true;
    }

    private void PollPaused(InFlight current, CancellationToken cancellationToken)
    {
        var consumer = _consumer!;
        var paused = consumer.Assignment;
        consumer.Pause(paused);
        KafkaLog.Paused(logger, paused.Count);
        try
        {
            while (!current.Work.IsCompleted && ReferenceEquals(_inFlight, current) && !cancellationToken.IsCancellationRequested && _fatal is null)
            {
                if (consumer.Consume(PausedPoll) is { } early)
                {
                    _filling.Add(early); // fetched before the pause took effect: kept, in order
                }

                health.Polled();
                if (consumer.Assignment is { } now && now.Count != paused.Count)
                {
                    consumer.Pause(now); // partitions assigned meanwhile wait too
                    paused = now;
                }
            }
        }
        finally
        {
            consumer.Resume(consumer.Assignment);
            KafkaLog.Resumed(logger);
        }
    }

    /// <summary>
    /// Revoked or lost partitions (inside Consume, on the loop's thread): the batch in flight is finished
    /// and committed while the partitions are still ours (revoked), or given up (lost, or not done within
    /// the budget); records not yet processed of the partitions concerned are dropped, and every kept
    /// partition whose records were dropped is sought back to the first of them.
    /// </summary>
    private void GiveUp(List<TopicPartition> partitions, bool lost)
    {
        KafkaLog.Revoked(logger, partitions.Count, lost, string.Join(", ", partitions));
        var gone = partitions.ToHashSet();
        var rewind = new Dictionary<TopicPartition, long>();
        if (_inFlight is { } current)
        {
            _inFlight = null;
            if (!lost && Wait(current.Work, options.RevokeBudget) && current.Work.IsCompletedSuccessfully)
            {
                current.Cancel.Dispose();
                Commit(current.Records);
            }
            else
            {
                KafkaLog.GaveUpBatch(logger, current.Records.Count, lost);
                Abandon(current);
                AddRewind(rewind, current.Records, gone);
            }
        }

        // Offsets whose commit failed earlier: stored now while the partitions are still ours (revoked),
        // else their next owner reads those records again (idempotent).
        var failed = _uncommitted.Where(u => gone.Contains(u.Key)).Select(u => new TopicPartitionOffset(u.Key, u.Value)).ToList();
        foreach (var partition in partitions)
        {
            _uncommitted.Remove(partition);
        }

        if (!lost && failed.Count > 0)
        {
            Commit(failed);
        }

        var pending = (_prepared?.Records ?? []).Concat(_filling).ToList();
        if (rewind.Count > 0 || pending.Exists(r => gone.Contains(r.TopicPartition)))
        {
            AddRewind(rewind, pending, gone);
            _prepared = null;
            _filling = [];
        }

        foreach (var (partition, offset) in rewind)
        {
            _consumer!.Seek(new TopicPartitionOffset(partition, offset));
        }
    }

    private void Abandon(InFlight current)
    {
        current.Cancel.Cancel();
        if (!Wait(current.Work, CancelGrace))
        {
            KafkaLog.SlowCancel(logger, CancelGrace.TotalSeconds);
        }

        if (current.Work.IsFaulted && current.Work.Exception?.InnerException is { } ex and not OperationCanceledException)
        {
            KafkaLog.BatchFailed(logger, ex);
        }

        current.Cancel.Dispose();
    }

    private void Commit(List<ConsumeResult<TKey, TValue>> records) => Commit(CommitOffsets.After(records));

    private void Commit(List<TopicPartitionOffset> offsets)
    {
        try
        {
            _consumer!.Commit(offsets);
            foreach (var committed in offsets)
            {
                if (_uncommitted.TryGetValue(committed.TopicPartition, out var failed) && failed <= committed.Offset.Value)
                {
                    _uncommitted.Remove(committed.TopicPartition);
                }
            }
        }
        catch (KafkaException ex) when (!ex.Error.IsFatal)
        {
            // The effects are durable; only the position is not stored yet. Retried (RetryFailedCommits);
            // should the partitions move first, their next owner reads the records again (idempotent).
            KafkaLog.CommitFailed(logger, ex);
            foreach (var failed in offsets)
            {
                _uncommitted[failed.TopicPartition] = Math.Max(_uncommitted.GetValueOrDefault(failed.TopicPartition), failed.Offset.Value);
            }
        }
    }

    private bool CommitRetryDue => _uncommitted.Count > 0 && Stopwatch.GetElapsedTime(_lastCommitRetry) >= CommitRetryInterval;

    /// <summary>Commits again what failed to commit, for the partitions still assigned, at most once per <see cref="CommitRetryInterval"/>.</summary>
    private void RetryFailedCommits()
    {
        if (!CommitRetryDue)
        {
            return;
        }

        _lastCommitRetry = Stopwatch.GetTimestamp();
        var assigned = _consumer!.Assignment.ToHashSet();
        foreach (var partition in _uncommitted.Keys.Where(p => !assigned.Contains(p)).ToList())
        {
            _uncommitted.Remove(partition); // no longer ours: the next owner reads its records again
        }

        if (_uncommitted.Count > 0)
        {
            Commit([.. _uncommitted.Select(u => new TopicPartitionOffset(u.Key, u.Value))]);
        }
    }

    private void OnError(Error error)
    {
        if (error.IsFatal)
        {
            KafkaLog.Fatal(logger, error.Code, error.Reason);
            _fatal = error;
        }
        else
        {
            _diagnostics.Error(error);
        }
    }

    private static void AddRewind(Dictionary<TopicPartition, long> rewind, IEnumerable<ConsumeResult<TKey, TValue>> records, HashSet<TopicPartition> gone)
    {
        foreach (var record in records)
        {
            if (!gone.Contains(record.TopicPartition))
            {
                rewind[record.TopicPartition] = Math.Min(rewind.GetValueOrDefault(record.TopicPartition, long.MaxValue), record.Offset.Value);
            }
        }
    }

    // Waits without observing the task's exception (that happens where it is settled).
    private static bool Wait(Task task, TimeSpan timeout) => ((IAsyncResult)task).AsyncWaitHandle.WaitOne(timeout);

    private sealed record Prepared(List<ConsumeResult<TKey, TValue>> Records, TBatch Batch);

    private sealed record InFlight(List<ConsumeResult<TKey, TValue>> Records, Task Work, CancellationTokenSource Cancel);
}
