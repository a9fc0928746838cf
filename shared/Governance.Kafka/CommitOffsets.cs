using Confluent.Kafka;

namespace Governance.Kafka;

/// <summary>The offsets a commit of a batch stores.</summary>
public static class CommitOffsets
{
    /// <summary>Per partition of <paramref name="batch"/>, the offset after its last record: what a commit of the batch stores.</summary>
    public static List<TopicPartitionOffset> After<TKey, TValue>(IReadOnlyList<ConsumeResult<TKey, TValue>> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);

        // A batch holds long runs of one partition: one lookup per run, not per record.
        var next = new Dictionary<TopicPartition, long>();
        for (var i = 0; i < batch.Count;)
        {
            var first = batch[i];
            var last = first.Offset.Value;
            for (i++; i < batch.Count && batch[i].Partition == first.Partition && batch[i].Topic == first.Topic; i++)
            {
                last = Math.Max(last, batch[i].Offset.Value);
            }

            var partition = first.TopicPartition;
            next[partition] = Math.Max(next.GetValueOrDefault(partition), last + 1);
        }

        return [.. next.Select(p => new TopicPartitionOffset(p.Key, p.Value))];
    }
}
