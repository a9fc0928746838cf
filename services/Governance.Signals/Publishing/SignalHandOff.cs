namespace Governance.Signals.Publishing;

/// <summary>The durable hand-off of <c>RiskSignalDetected</c> to the alerting service (docs/signals.md; <c>RabbitMq:SignalQueue</c>).</summary>
public static class SignalHandOff
{
    /// <summary>
    /// A durable quorum queue bound to the message type's exchange, declared by the worker at start so
    /// that signals published while no consumer is bound wait in it.
    /// </summary>
    /// <remarks>The default name; tests give each worker its own.</remarks>
    public const string QueueName = "governance.risk-signals";
}
