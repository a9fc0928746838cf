using System.Diagnostics;
using Confluent.Kafka;

namespace Governance.Benchmarks;

/// <summary>
/// The limit: the same consumer, producer, batching and commit-after-ack as ingestion, but records are
/// copied to the output topic without validation or normalization.
/// </summary>
internal sealed class BareLoop(string bootstrap, BenchmarkTopics topics, int batchSize, Action<int> processed)
{
    public void Run(CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap, EnableIdempotence = true, Acks = Acks.All, LingerMs = 5, CompressionType = CompressionType.Lz4,
        }).Build();
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap, GroupId = "bench-bare", EnableAutoCommit = false, EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest, PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        }).Build();
        consumer.Subscribe([topics.Content, topics.Transactions]);
        var batch = new List<ConsumeResult<byte[], byte[]>>(batchSize);
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            while (batch.Count < batchSize)
            {
                var wait = batch.Count == 0 ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromMilliseconds(100) - Stopwatch.GetElapsedTime(started);
                var result = consumer.Consume(wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
                if (result is null)
                {
                    break;
                }

                batch.Add(result);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            foreach (var record in batch)
            {
                producer.Produce(topics.Output, new Message<byte[], byte[]> { Key = record.Message.Key, Value = record.Message.Value });
            }

            producer.Flush(cancellationToken);
            consumer.Commit(batch.GroupBy(r => r.TopicPartition).Select(g => new TopicPartitionOffset(g.Key, g.Max(r => r.Offset.Value) + 1)));
            processed(batch.Count);
            batch.Clear();
        }

        consumer.Close();
    }
}
