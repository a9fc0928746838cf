namespace Governance.Alerting;

/// <summary>
/// Batching of <c>RiskSignalDetected</c> (section <c>Alerting:Batch</c>): MassTransit hands the consumer up
/// to <see cref="MessageLimit"/> signals, or what arrived within <see cref="TimeLimit"/> of the first, and
/// the whole batch is one PostgreSQL transaction. One batch is written at a time, so a creator's signals
/// are applied in delivery order; the next batch is collected while the current one is written.
/// </summary>
public sealed class SignalBatchOptions
{
    /// <summary>Most signals in one batch (one transaction).</summary>
    public int MessageLimit { get; set; } = 200;

    /// <summary>Longest wait for a batch to fill, from its first signal (the latency added at low rates).</summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Throws naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (MessageLimit < 1 || TimeLimit <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Alerting:Batch: MessageLimit >= 1 and TimeLimit > 0 are required.");
        }
    }
}
