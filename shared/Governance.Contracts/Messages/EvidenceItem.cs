namespace Governance.Contracts;

/// <summary>One event that contributed to a signal.</summary>
public sealed record EvidenceItem
{
    /// <summary>The contributing event's id.</summary>
    public required string EventId { get; init; }

    /// <summary>Its type, e.g. <c>order.refunded</c>.</summary>
    public required string Type { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
