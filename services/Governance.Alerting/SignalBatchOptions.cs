namespace Governance.Alerting;

/// <summary>
/// Batching of <c>RiskSignalDetected</c> (section <c>Alerting:Batch</c>): the batch writer puts every signal
/// waiting, up to <see cref="MessageLimit"/>, into one PostgreSQL transaction. Under load what arrives
/// during one commit is the next batch; when fewer than the limit wait, it lingers <see cref="TimeLimit"/>
/// for more. One batch at a time, so a creator's signals are applied in delivery order.
/// </summary>
public sealed class SignalBatchOptions
{
    /// <summary>Most signals in one batch (one transaction).</summary>
    public int MessageLimit { get; set; } = 200;

    /// <summary>Wait for more signals when fewer than <see cref="MessageLimit"/> wait (the latency added at low rates; 0: none).</summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Throws naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (MessageLimit < 1 || TimeLimit < TimeSpan.Zero)
        {
            throw new InvalidOperationException("Alerting:Batch: MessageLimit >= 1 and TimeLimit >= 0 are required.");
        }
    }
}
