using Confluent.Kafka;

namespace Governance.Kafka.Consuming;

/// <summary>What a service does with the batches of a <see cref="KafkaConsumeLoop{TKey, TValue, TBatch}"/>.</summary>
/// <typeparam name="TKey">Record key type.</typeparam>
/// <typeparam name="TValue">Record value type.</typeparam>
/// <typeparam name="TBatch">The service's prepared form of a batch.</typeparam>
public interface IBatchProcessor<TKey, TValue, TBatch>
{
    /// <summary>
    /// Parses and plans a batch on the poll thread, with no I/O: the loop prepares the next batch while
    /// the current one is processed.
    /// </summary>
    TBatch Prepare(IReadOnlyList<ConsumeResult<TKey, TValue>> records);

    /// <summary>
    /// Applies the batch's effects and returns when they are durable; the loop then commits its offsets.
    /// Retries its dependencies itself until they answer (the loop keeps polling meanwhile, partitions
    /// paused). Cancelled when the loop stops or gives the batch's partitions up; it is then read again.
    /// </summary>
    Task ProcessAsync(TBatch batch, CancellationToken cancellationToken);
}
