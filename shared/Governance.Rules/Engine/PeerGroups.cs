using Governance.Rules.Model;

namespace Governance.Rules.Engine;

/// <summary>Which rules have a peer prior, and how creators and events are grouped for it (docs/rules.md, "Peer priors").</summary>
public static class PeerGroups
{
    /// <summary>Volume bands: fewer than 10 denominator events over the baseline history, 10–99, 100–999, 1,000 and more.</summary>
    public const int Bands = 4;

    /// <summary>The bands' names, for reports.</summary>
    public static IReadOnlyList<string> BandNames { get; } = ["< 10", "10-99", "100-999", ">= 1000"];

    /// <summary>
    /// Whether <paramref name="rule"/> has a peer prior: a surprise rule with a baseline (a count or sum
    /// baseline compares with the creator's own past only; its absolute threshold is the floor for a new creator).
    /// </summary>
    public static bool Applies(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Aggregate == AggregateKind.Surprise && rule.Baseline is not null && rule.Expected > 0;
    }

    /// <summary>The band of a creator with <paramref name="denominatorHistory"/> denominator events over the baseline history.</summary>
    public static int BandOf(double denominatorHistory) => denominatorHistory switch
    {
        < 10 => 0,
        < 100 => 1,
        < 1000 => 2,
        _ => 3,
    };

    /// <summary>The start of the hour of <paramref name="at"/> (a bucket of peer counts).</summary>
    public static DateTimeOffset HourOf(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
}
