using Governance.SampleData.Simulation;

namespace Governance.Cli.Rules;

/// <summary>
/// Scores a backtest's signals against a ground truth (<see cref="TruthFile"/>): per rule, the pack
/// overall (enforced rules only: shadow signals never reach moderators) and per pattern.
/// Creators absent from the truth are honest.
/// </summary>
internal sealed record LabelledReport(IReadOnlyList<ScoreRow> Rules, ScoreRow Overall, IReadOnlyList<PatternRow> Patterns, ScoreRow? Alerts = null)
{
    /// <param name="alerts">First alert per creator (<see cref="AlertReplay"/>), scored as an "alerts" row when given.</param>
    public static LabelledReport Score(IReadOnlyList<LabelledSignal> signals, IReadOnlyList<TruthEntry> truth, IReadOnlyList<(string Id, bool Enforced)> rules, IReadOnlyList<LabelledSignal>? alerts = null)
    {
        // A creator may play several abuse patterns: it is abusive from the earliest.
        var abuse = truth.Where(t => t.IsAbuse).GroupBy(t => t.CreatorId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var rows = rules.Select(rule => Row(
            rule.Id,
            rule.Enforced ? "enforce" : "shadow",
            signals.Where(s => s.RuleId == rule.Id).ToList(),
            abuse,
            abuse.Where(a => a.Value.Any(t => t.Pattern == rule.Id)).Select(a => a.Key).ToHashSet(StringComparer.Ordinal))).ToList();

        var shadowOnly = rules.Where(r => !r.Enforced).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var meant = abuse.Where(a => a.Value.Any(t => !shadowOnly.Contains(t.Pattern))).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        var overall = Row("overall", "enforce", signals.Where(s => s.Enforced).ToList(), abuse, meant);

        var flaggedBy = signals.Where(s => s.Enforced).GroupBy(s => s.CreatorId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(s => s.RuleId).Distinct().ToList(), StringComparer.Ordinal);
        var patterns = truth.GroupBy(t => (t.Pattern, t.Label)).OrderBy(g => g.Key.Label).ThenBy(g => g.Key.Pattern, StringComparer.Ordinal).Select(g =>
        {
            var creators = g.Select(t => t.CreatorId).Distinct(StringComparer.Ordinal).ToList();
            var fired = creators.Where(flaggedBy.ContainsKey).ToList();
            return new PatternRow(g.Key.Pattern, g.Key.Label, creators.Count, fired.Count, [.. fired.SelectMany(c => flaggedBy[c]).Distinct().Order(StringComparer.Ordinal)]);
        }).ToList();
        return new LabelledReport(rows, overall, patterns, alerts is null ? null : Row("alerts", "policy", [.. alerts], abuse, meant));
    }

    private static ScoreRow Row(string name, string mode, List<LabelledSignal> signals, Dictionary<string, List<TruthEntry>> abuse, HashSet<string> positives)
    {
        var first = signals.GroupBy(s => s.CreatorId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var truePositives = first.Keys.Count(abuse.ContainsKey);
        var caught = positives.Count(first.ContainsKey);
        var latencies = new List<TimeSpan>();
        var afterComplete = new List<TimeSpan>();
        foreach (var (creator, fired) in first)
        {
            if (!abuse.TryGetValue(creator, out var entries))
            {
                continue;
            }

            // Windows keep event time in whole milliseconds: a truth time with ticks must not come after its own signal.
            var start = Milliseconds(entries.Min(e => e.FirstEventAt));
            var completed = Milliseconds(entries.Min(e => e.CompletedAt));
            // The first signal once the abuse began; one before it (the creator tripped a rule while still honest) does not time the detection.
            var signal = fired.Where(s => s.At >= start).Select(s => s.At).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            if (signal != DateTimeOffset.MaxValue)
            {
                latencies.Add(signal - start);
                afterComplete.Add(signal > completed ? signal - completed : TimeSpan.Zero);
            }
        }

        return new ScoreRow(
            name,
            mode,
            first.Count,
            truePositives,
            first.Count - truePositives,
            positives.Count,
            caught,
            first.Count > 0 ? (double)truePositives / first.Count : null,
            positives.Count > 0 ? (double)caught / positives.Count : null,
            Percentile(latencies, 0.5),
            Percentile(latencies, 0.95),
            Percentile(afterComplete, 0.95));
    }

    private static DateTimeOffset Milliseconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    /// <summary>Nearest-rank percentile (the smallest value with at least <paramref name="q"/> of the values at or below it).</summary>
    public static TimeSpan? Percentile(List<TimeSpan> values, double q)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        return values[Math.Max(0, (int)Math.Ceiling(q * values.Count) - 1)];
    }
}
