namespace Governance.Alerting;

/// <summary>
/// Alerting settings (section <c>Alerting</c>):
/// <code>
/// "Alerting": { "InputQueue": "governance.risk-signals", "AlertsQueue": "moderation.creator-alerts",
///               "DecisionsQueue": "moderation.decisions", "PrefetchCount": 600, "ConcurrentMessageLimit": 400,
///               "Batch": { "MessageLimit": 200, "TimeLimit": "00:00:00.002" },
///               "HalfLife": "12:00:00", "PolicyPath": "rules/policy/escalation.yaml" }
/// </code>
/// </summary>
public sealed class AlertingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Alerting";

    /// <summary>The durable quorum queue the signal worker fills (the hand-off contract).</summary>
    public string InputQueue { get; set; } = "governance.risk-signals";

    /// <summary>Where CreatorFlagged goes (durable, with message priorities).</summary>
    public string AlertsQueue { get; set; } = "moderation.creator-alerts";

    /// <summary>Where moderation tools put ModerationDecision.</summary>
    public string DecisionsQueue { get; set; } = "moderation.decisions";

    /// <summary>
    /// Bind the queues to the message types' exchanges (RiskSignalDetected, ModerationDecision) so published
    /// messages reach them. Tests that send to their own queues turn it off.
    /// </summary>
    public bool BindMessageExchanges { get; set; } = true;

    /// <summary>Unacknowledged deliveries the broker hands over at once (room for the batch in PostgreSQL and the next one).</summary>
    public int PrefetchCount { get; set; } = 600;

    /// <summary>
    /// Signals in flight in the process: the batch being written and the next one being collected meanwhile
    /// (at least <see cref="SignalBatchOptions.MessageLimit"/>; two batches' worth lets collection overlap the write).
    /// </summary>
    public int ConcurrentMessageLimit { get; set; } = 400;

    /// <summary>How signals are grouped into one PostgreSQL transaction.</summary>
    public SignalBatchOptions Batch { get; set; } = new();

    /// <summary>Score half-life in event time.</summary>
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The escalation policy file (relative to the working directory or absolute).</summary>
    public string PolicyPath { get; set; } = "rules/policy/escalation.yaml";

    /// <summary>Attempts of a signal that fails for a reason other than PostgreSQL being away, before the error queue.</summary>
    public int RetryLimit { get; set; } = 3;

    /// <summary>First pause while PostgreSQL is away; doubles up to <see cref="MaxRetryBackoff"/>. The message waits unacknowledged.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest pause between attempts while PostgreSQL is away.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The outbox dispatcher.</summary>
    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>Throws naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(InputQueue) || string.IsNullOrWhiteSpace(AlertsQueue) || string.IsNullOrWhiteSpace(DecisionsQueue) || string.IsNullOrWhiteSpace(PolicyPath))
        {
            throw new InvalidOperationException("Alerting: InputQueue, AlertsQueue, DecisionsQueue and PolicyPath must not be empty.");
        }

        Batch.Validate();
        if (ConcurrentMessageLimit < Batch.MessageLimit || ConcurrentMessageLimit > PrefetchCount || RetryLimit < 0)
        {
            throw new InvalidOperationException("Alerting: Batch:MessageLimit <= ConcurrentMessageLimit <= PrefetchCount and RetryLimit >= 0 are required.");
        }

        if (HalfLife <= TimeSpan.Zero || RetryBackoff <= TimeSpan.Zero || MaxRetryBackoff < RetryBackoff)
        {
            throw new InvalidOperationException("Alerting: HalfLife > 0 and 0 < RetryBackoff <= MaxRetryBackoff are required.");
        }

        Outbox.Validate();
    }
}
