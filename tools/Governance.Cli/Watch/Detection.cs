using Governance.Cli.Rules;
using Governance.SampleData.Simulation;

namespace Governance.Cli.Watch;

/// <summary>
/// The alerts scored against the ground truth, creator by creator, with the labelled backtest's scoring
/// (<see cref="LabelledReport"/>): a flagged creator is a true positive when the truth marks it abusive;
/// recall is over the abusive creators whose first abusive event was produced while watching (not those
/// whose abuse had not begun, nor those of patterns only a shadow rule targets); latency is wall clock,
/// from that event's production to the creator's first alert in the queue.
/// </summary>
/// <param name="Flagged">Creators in scope with at least one alert.</param>
/// <param name="Abusive">Abusive creators the recall is over.</param>
/// <param name="NotBegun">Abusive creators whose first abusive event was not produced while watching.</param>
/// <param name="ShadowOnly">Abusive creators left out because only a shadow rule targets their pattern.</param>
internal sealed record Detection(string Scope, int Flagged, int TruePositives, int FalsePositives, double? Precision, int Abusive, int Caught, double? Recall, int NotBegun, int ShadowOnly, int Timed, TimeSpan? LatencyP50, TimeSpan? LatencyP95)
{
    /// <param name="truth">The ground truth.</param>
    /// <param name="scope">Creator id prefix of the simulated stream: alerts of other creators are not scored.</param>
    /// <param name="rules">The pack's rules and whether each is enforced (shadow patterns leave the recall).</param>
    /// <param name="firstAlertAt">Creator → when its first alert was received.</param>
    /// <param name="abuseProducedAt">Abusive creator → when its first abusive event was produced.</param>
    public static Detection Score(
        IReadOnlyList<TruthEntry> truth,
        string scope,
        IReadOnlyList<(string Id, bool Enforced)> rules,
        IReadOnlyDictionary<string, DateTimeOffset> firstAlertAt,
        IReadOnlyDictionary<string, DateTimeOffset> abuseProducedAt)
    {
        ArgumentNullException.ThrowIfNull(truth);
        var alerts = firstAlertAt.Where(a => a.Key.StartsWith(scope, StringComparison.Ordinal))
            .Select(a => new LabelledSignal("alerts", true, a.Key, a.Value)).ToList();
        var all = LabelledReport.Score([], truth, rules, alerts).Alerts!;

        // The creators whose abuse began while watching, their first abusive event moved to its production time:
        // the backtest's event-time latency becomes the wall clock's.
        var begun = truth.Where(t => !t.IsAbuse || abuseProducedAt.ContainsKey(t.CreatorId))
            .Select(t => t.IsAbuse ? t with { FirstEventAt = abuseProducedAt[t.CreatorId], CompletedAt = abuseProducedAt[t.CreatorId] } : t)
            .ToList();
        var timed = LabelledReport.Score([], begun, rules, alerts).Alerts!;
        var abusive = truth.Where(t => t.IsAbuse).Select(t => t.CreatorId).Distinct(StringComparer.Ordinal).ToList();
        var notBegun = abusive.Count(c => !abuseProducedAt.ContainsKey(c));
        var latencies = begun.Where(t => t.IsAbuse && firstAlertAt.TryGetValue(t.CreatorId, out var at) && at >= t.FirstEventAt)
            .DistinctBy(t => t.CreatorId, StringComparer.Ordinal).Count();
        return new Detection(
            scope,
            all.Flagged,
            all.TruePositives,
            all.FalsePositives,
            all.Precision,
            timed.Abusive,
            timed.Caught,
            timed.Recall,
            notBegun,
            abusive.Count - notBegun - timed.Abusive,
            latencies,
            timed.LatencyP50,
            timed.LatencyP95);
    }

    /// <summary>The creator id prefix the truth's creators share (simulated ids are <c>P-s{seed}-c{n}</c>: up to the <c>c</c>).</summary>
    public static string ScopeOf(IReadOnlyList<TruthEntry> truth)
    {
        ArgumentNullException.ThrowIfNull(truth);
        if (truth.Count == 0)
        {
            return "";
        }

        var common = truth.Select(t => t.CreatorId).Aggregate((a, b) => a[..a.AsSpan().CommonPrefixLength(b)]);
        // Not into the creator number: c00128 and c00131 share "c001", which would leave out c00200.
        var number = common.Length;
        while (number > 0 && char.IsAsciiDigit(common[number - 1]))
        {
            number--;
        }

        return common[..number];
    }
}
