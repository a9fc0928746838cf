namespace Governance.Contracts;

/// <summary>A creator is sent to moderators (Alerting → queue <c>moderation.creator-alerts</c>).</summary>
public sealed record CreatorFlagged
{
    /// <summary>Stable: redelivery keeps it, so consumers can dedup.</summary>
    public required string AlertId { get; init; }

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

    /// <summary>RabbitMQ message priority derived from severity.</summary>
    public required byte Priority { get; init; }
}
