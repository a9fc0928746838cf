namespace Governance.Scoring;

/// <summary>The policy's verdict for a creator: escalate at <paramref name="Tier"/>, and why (<paramref name="Cause"/>).</summary>
public sealed record Escalation(PriorityTier Tier, EscalationCause Cause);
