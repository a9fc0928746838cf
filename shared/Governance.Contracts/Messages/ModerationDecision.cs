namespace Governance.Contracts;

/// <summary>A moderator's verdict on an alert (moderation tools → queue <c>moderation.decisions</c>).</summary>
public sealed record ModerationDecision
{
    /// <summary>The alert decided on.</summary>
    public required string AlertId { get; init; }

    /// <summary><c>violation_confirmed</c>, <c>no_violation</c> or <c>needs_more_info</c>.</summary>
    public required string Decision { get; init; }

    /// <summary>Who decided.</summary>
    public required string ModeratorId { get; init; }

    /// <summary>When.</summary>
    public required DateTimeOffset DecidedAt { get; init; }

    /// <summary>Free text.</summary>
    public string? Note { get; init; }
}
