namespace Governance.Chaos;

/// <summary>The RabbitMQ names a run's services use, and the suite's own copy of the signals.</summary>
public static class HandOffQueues
{
    /// <summary>The queue the signal worker declares and the alerting service consumes (SignalHandOff).</summary>
    public const string Signals = "governance.risk-signals";

    /// <summary>MassTransit's exchange for the signal message type.</summary>
    public const string SignalExchange = "Governance.Contracts:RiskSignalDetected";

    /// <summary>
    /// The suite's copy of every signal, bound to <see cref="SignalExchange"/> before any service starts:
    /// the alerting service consumes <see cref="Signals"/>, so the suite cannot read that one.
    /// </summary>
    public const string SignalCopy = "chaos.signals";

    /// <summary>The moderation queue the alerting service sends <c>CreatorFlagged</c> to.</summary>
    public const string Alerts = "moderation.creator-alerts";
}
