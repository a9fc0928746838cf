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

    /// <summary>
    /// Per rule, the errors not handed to the log yet and the first one's exception: the log takes them
    /// (one stack trace per rule) and clears them, so counters kept over several batches report each error once.
    /// </summary>
    internal Dictionary<string, (Exception First, int Count)> Unlogged { get; } = new(StringComparer.Ordinal);

    /// <summary>Counts a rule that threw on an event, keeping the exception for the log.</summary>
    internal void RuleFailed(string ruleId, Exception exception)
    {
        Errors[ruleId] = Errors.GetValueOrDefault(ruleId) + 1;
        Unlogged[ruleId] = Unlogged.TryGetValue(ruleId, out var unlogged) ? unlogged with { Count = unlogged.Count + 1 } : (exception, 1);
    }

    /// <summary>Adds what a creator's decision counted (all but <see cref="Events"/>, which planning counts).</summary>
    internal void Add(EngineCounters other)
    {
        Duplicates += other.Duplicates;
        TooLate += other.TooLate;
        foreach (var (rule, n) in other.Errors)
        {
            Errors[rule] = Errors.GetValueOrDefault(rule) + n;
        }

        foreach (var (rule, (first, n)) in other.Unlogged)
        {
            Unlogged[rule] = Unlogged.TryGetValue(rule, out var unlogged) ? unlogged with { Count = unlogged.Count + n } : (first, n);
        }

        foreach (var (rule, n) in other.CooledDown)
        {
            CooledDown[rule] = CooledDown.GetValueOrDefault(rule) + n;
        }
    }
}
