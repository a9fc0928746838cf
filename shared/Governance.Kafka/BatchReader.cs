using System.Diagnostics;
using Confluent.Kafka;

namespace Governance.Kafka;

/// <summary>
/// Batch reading for at-least-once consumers: fill a batch (up to a size, or whatever arrived within a
/// wait once its first record came) and commit it after its effects are durable. Call from the
/// consume thread only.
/// </summary>
public sealed class BatchReader<TKey, TValue>(IConsumer<TKey, TValue> consumer, int batchSize, TimeSpan maxWait)
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(500);

    /// <summary>Adds records to <paramref name="batch"/>; returns when full, when the wait ran out, or when <paramref name="stop"/> says so while empty.</summary>
    public void Fill(List<ConsumeResult<TKey, TValue>> batch, Action polled, Func<bool> stop)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(polled);
        ArgumentNullException.ThrowIfNull(stop);
        var started = Stopwatch.GetTimestamp();
        while (batch.Count < batchSize)
        {
            var wait = batch.Count == 0 ? IdlePoll : maxWait - Stopwatch.GetElapsedTime(started);
            var result = consumer.Consume(wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
            if (result is null)
            {
                polled();
                if (batch.Count > 0 || stop())
                {
                    return;
                }

                continue;
            }

            if (batch.Count == 0)
            {
                started = Stopwatch.GetTimestamp();
            }

            batch.Add(result);
        }

        polled(); // once per full batch, not per record: it reads the clock
    }

    /// <summary>Commits the offsets after the batch's last record of each partition (one commit).</summary>
    public void Commit(IReadOnlyList<ConsumeResult<TKey, TValue>> batch) => consumer.Commit(CommitOffsets.After(batch));

    /// <summary>Records behind the (cached) high watermarks of the assigned partitions.</summary>
    public long Lag()
    {
        long lag = 0;
        foreach (var partition in consumer.Assignment)
        {
            var high = consumer.GetWatermarkOffsets(partition).High;
            var position = consumer.Position(partition);
            if (high != Offset.Unset && position != Offset.Unset)
            {
                lag += Math.Max(0, high.Value - position.Value);
            }
        }

        return lag;
    }
}
