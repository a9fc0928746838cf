namespace Governance.Rules.Engine;

/// <summary>A validated, compiled set of rules with its version (content hash of the rule and term files).</summary>
public sealed record RulePack(string Version, IReadOnlyList<CompiledRule> Rules)
{
    private readonly TimeSpan _contentHorizon = Longest(Rules, "content");
    private readonly TimeSpan _transactionHorizon = Longest(Rules, "transaction");

    /// <summary>The rules with a peer prior (<see cref="PeerGroups.Applies"/>).</summary>
    public IReadOnlyList<Model.RuleDefinition> PeerRules { get; } = [.. Rules.Select(r => r.Definition).Where(PeerGroups.Applies)];

    /// <summary>The state keys of count and sum rules with a baseline: their watched history starts when their state began.</summary>
    internal IReadOnlyList<string> BaselineStates { get; } = [.. Rules.Select(r => r.Definition)
        .Where(d => d.Baseline is not null && d.Aggregate != Model.AggregateKind.Surprise).Select(d => d.StateKey).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The longest window (baseline histories included) of the rules that read <paramref name="source"/>:
    /// an event older than its source's watermark minus this counts in no window (zero: no rule reads it).
    /// </summary>
    public TimeSpan Horizon(string source) => source switch
    {
        "content" => _contentHorizon,
        "transaction" => _transactionHorizon,
        _ => Longest(Rules, source),
    };

    private static TimeSpan Longest(IReadOnlyList<CompiledRule> rules, string source)
    {
        var longest = TimeSpan.Zero;
        foreach (var rule in rules)
        {
            if (rule.Accepts(source))
            {
                var d = rule.Definition;
                longest = TimeSpan.FromTicks(Math.Max(longest.Ticks, Math.Max(d.Window.Ticks, d.Baseline?.History.Ticks ?? 0)));
            }
        }

        return longest;
    }
}
