namespace Governance.Alerting.Scoring;

/// <summary>What processing one signal did.</summary>
public enum SignalOutcome
{
    /// <summary>Seen before (inbox): nothing changed.</summary>
    Duplicate,

    /// <summary>Shadow: stored and scored apart, never escalated.</summary>
    Shadow,

    /// <summary>Stored and scored; no alert (yet).</summary>
    Scored,

    /// <summary>Opened a new alert.</summary>
    Opened,

    /// <summary>Updated the creator's open alert (new revision).</summary>
    Updated,
}
