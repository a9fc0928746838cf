namespace Governance.Kafka.Consuming;

/// <summary>How a <see cref="KafkaConsumeLoop{TKey, TValue, TBatch}"/> reads its topics.</summary>
public sealed record ConsumeLoopOptions
{
    /// <summary>Topics to subscribe to.</summary>
    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>Most records per batch (one offset commit each).</summary>
    public required int BatchSize { get; init; }

    /// <summary>Longest wait to fill a batch once its first record arrived.</summary>
    public required TimeSpan BatchMaxWait { get; init; }

    /// <summary>
    /// How long a revocation waits for the batch in flight before giving it up (its partitions are then
    /// read again by their next owner, and the kept ones by this consumer): a rebalance must not wait
    /// out a dependency outage.
    /// </summary>
    public TimeSpan RevokeBudget { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long the loop waits for the batch in flight before it pauses its partitions and polls while
    /// waiting (heartbeats and the poll interval stay alive; no group eviction in an outage).
    /// </summary>
    public TimeSpan PauseAfter { get; init; } = TimeSpan.FromSeconds(1);
}
