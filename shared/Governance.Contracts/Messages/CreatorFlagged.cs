namespace Governance.Contracts;

/// <summary>A creator is sent to moderators (Alerting → queue <c>moderation.creator-alerts</c>).</summary>
public sealed record CreatorFlagged
{
    /// <summary>Stable: redelivery keeps it, so consumers can dedup.</summary>
    public required string AlertId { get; init; }

    /// <summary>1 when the alert opens, +1 with each update (new signal, new score); (alertId, revision) identifies one message.</summary>
    public int Revision { get; init; } = 1;

    /// <summary>The escalation policy's priority name, e.g. <c>urgent</c>, <c>high</c>, <c>normal</c>.</summary>
    public string? PriorityName { get; init; }

    /// <summary>The flagged creator.</summary>
    public required string CreatorId { get; init; }

    /// <summary>Highest severity among the signals.</summary>
    public required string Severity { get; init; }

    /// <summary>The creator's risk score when flagged.</summary>
    public required double Score { get; init; }

    /// <summary>The signals that led here.</summary>
    public required IReadOnlyList<RiskSignalDetected> Signals { get; init; }

    /// <summary>Why, in English and Spanish.</summary>
    public required LocalizedReasons Reasons { get; init; }

    /// <summary>Detection time of the first signal.</summary>
    public required DateTimeOffset FirstSignalAt { get; init; }

    /// <summary>When the alert was raised.</summary>
    public required DateTimeOffset FlaggedAt { get; init; }

    /// <summary>RabbitMQ message priority (0-9) of the alert's priority tier (escalation policy).</summary>
    public required byte Priority { get; init; }
}
