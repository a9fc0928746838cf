namespace Governance.Scoring;

/// <summary>Why a creator was escalated.</summary>
public enum EscalationCause
{
    /// <summary>The score reached a tier and enough distinct rules fired.</summary>
    Score,

    /// <summary>A signal whose severity or rule escalates alone.</summary>
    Alone,
}
