namespace Governance.Signals.Publishing;

/// <summary>The durable hand-off of <c>RiskSignalDetected</c> to the alerting service (docs/signals.md).</summary>
public static class SignalHandOff
{
    /// <summary>
    /// A durable quorum queue, with a fanout exchange of the same name bound from the message type's
    /// exchange: the layout of a MassTransit receive endpoint of that name, so the alerting service's
    /// endpoint declares exactly what the worker declares.
    /// </summary>
    public const string QueueName = "governance.risk-signals";
}
