namespace Governance.Alerting;

/// <summary>
/// Alerting settings (section <c>Alerting</c>):
/// <code>
/// "Alerting": { "InputQueue": "governance.risk-signals", "AlertsQueue": "moderation.creator-alerts",
///               "DecisionsQueue": "moderation.decisions", "PrefetchCount": 64, "ConcurrentMessageLimit": 32,
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

    /// <summary>Unacknowledged deliveries the broker hands over at once.</summary>
    public int PrefetchCount { get; set; } = 64;

    /// <summary>Signals processed at once (each in its own transaction; one creator's never at once).</summary>
    public int ConcurrentMessageLimit { get; set; } = 32;

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

        if (PrefetchCount < 1 || ConcurrentMessageLimit < 1 || ConcurrentMessageLimit > PrefetchCount || RetryLimit < 0)
        {
            throw new InvalidOperationException("Alerting: PrefetchCount >= 1, 1 <= ConcurrentMessageLimit <= PrefetchCount and RetryLimit >= 0 are required.");
        }

        if (HalfLife <= TimeSpan.Zero || RetryBackoff <= TimeSpan.Zero || MaxRetryBackoff < RetryBackoff)
        {
            throw new InvalidOperationException("Alerting: HalfLife > 0 and 0 < RetryBackoff <= MaxRetryBackoff are required.");
        }

        Outbox.Validate();
    }
}
