namespace Governance.Rules.Engine;

/// <summary>What one batch evaluation saw, for metrics and summaries.</summary>
public sealed class EngineCounters
{
    /// <summary>Events evaluated (including duplicates and too late ones).</summary>
    public int Events { get; set; }

    /// <summary>Events already applied before (redelivered offsets, upstream duplicate eventIds).</summary>
    public int Duplicates { get; set; }

    /// <summary>Events older than every window of their source (dead-lettered <c>too_late</c>).</summary>
    public int TooLate { get; set; }

    /// <summary>Rule evaluations that threw, per rule id (the rule counted as false for that event).</summary>
    public Dictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Threshold crossings suppressed by cooldown, per rule id.</summary>
    public Dictionary<string, int> CooledDown { get; } = new(StringComparer.Ordinal);
}
