namespace Governance.Contracts;

/// <summary>A rule's threshold was crossed for a creator (Signals → Alerting).</summary>
public sealed record RiskSignalDetected
{
    /// <summary>Stable per creator + rule + window end, so redelivery is harmless.</summary>
    public required string SignalId { get; init; }

    /// <summary>The flagged creator.</summary>
    public required string CreatorId { get; init; }

    /// <summary>The rule's id (kebab-case, stable across versions).</summary>
    public required string RuleId { get; init; }

    /// <summary>Content hash of the rule version that fired.</summary>
    public required string RuleVersion { get; init; }

    /// <summary><c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</summary>
    public required string Severity { get; init; }

    /// <summary><c>enforce</c> or <c>shadow</c>; shadow signals are never escalated.</summary>
    public required string Mode { get; init; }

    /// <summary>The aggregate's value when it crossed.</summary>
    public required double Value { get; init; }

    /// <summary>The threshold as written in the rule, e.g. <c>&gt;= 5</c>.</summary>
    public required string Threshold { get; init; }

    /// <summary>The window as written in the rule, e.g. <c>1h</c>.</summary>
    public required string Window { get; init; }

    /// <summary>End of the window (event time) the value was computed over.</summary>
    public required DateTimeOffset WindowEnd { get; init; }

    /// <summary>Up to 20 contributing events.</summary>
    public required IReadOnlyList<EvidenceItem> Evidence { get; init; }

    /// <summary>When the worker detected it (wall clock).</summary>
    public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>The rule's reason for moderators, rendered in English and Spanish (an addition to docs/contracts.md).</summary>
    public LocalizedReasons? Reasons { get; init; }

    /// <summary>For per-key rules, the key that crossed (e.g. the buyer or payment fingerprint).</summary>
    public string? GroupKey { get; init; }
}
