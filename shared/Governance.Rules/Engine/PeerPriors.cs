using Governance.Rules.Model;
using Governance.Rules.Windows;

namespace Governance.Rules.Engine;

/// <summary>
/// The peer-group priors of surprise rules with a baseline: per rule and volume band, the rate of
/// numerator per denominator events over every creator of the band, from hourly buckets of event time
/// (<see cref="IPeerCounts"/>). The worker counts its events per bucket and merges them before a later
/// batch, once a second or when an hour ends (no key is written per event), and reads the rates for an
/// hour once, from the buckets that ended at least an hour before it: events a little out of order, or another worker a
/// little behind, do not change them, and a replay or a restarted worker reads the same rates (up to
/// the last second of counts a killed worker had not merged, which rounding absorbs).
/// </summary>
internal sealed class PeerPriors(IPeerCounts counts, TimeProvider? time)
{
    // A band's rate counts once it rests on this many expected numerator events (±14 %); until then
    // the rule's `expected` stands alone.
    private const double MinimumExpectedEvents = 50;

    // Rate tables kept (one per hour of event time a batch touched): a lagging source and the newest hour.
    private const int TablesKept = 8;

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);

    private readonly Dictionary<DateTimeOffset, Table> _tables = [];
    private readonly Dictionary<(string RuleId, int Band, DateTimeOffset Hour), (long Numerator, long Denominator)> _pending = [];
    private DateTimeOffset _lastFlush = DateTimeOffset.MinValue;

    /// <summary>Reads the rate tables the batch's hours need and has not read yet.</summary>
    public async Task PrepareAsync(PlannedBatch batch, CancellationToken cancellationToken)
    {
        foreach (var hour in batch.PeerHours)
        {
            if (_tables.TryGetValue(hour, out var table) && batch.Pack.PeerRules.All(r => table.Rules.Contains(r.Id)))
            {
                continue;
            }

            _tables[hour] = await ReadAsync(hour, batch.Pack.PeerRules, cancellationToken);
        }

        // The oldest hours go first, never one this batch reads.
        foreach (var old in _tables.Keys.Except(batch.PeerHours).Order().Take(_tables.Count - TablesKept).ToList())
        {
            _tables.Remove(old);
        }
    }

    /// <summary>The peer rate of <paramref name="ruleId"/>'s band for an event at <paramref name="at"/>; null when the band has too few events yet.</summary>
    public double? RateOf(string ruleId, int band, DateTimeOffset at) =>
        _tables.TryGetValue(PeerGroups.HourOf(at), out var table) && table.Rates.TryGetValue((ruleId, band), out var rate) ? rate : null;

    /// <summary>Counts a batch's applied events (<see cref="BatchDecisions.PeerCounts"/>) for a later merge.</summary>
    public void Add(IEnumerable<PeerCount> counted)
    {
        foreach (var c in counted)
        {
            var (n, d) = _pending.GetValueOrDefault((c.RuleId, c.Band, c.Hour));
            _pending[(c.RuleId, c.Band, c.Hour)] = (n + c.Numerator, d + c.Denominator);
        }
    }

    /// <summary>
    /// Merges the counts into the store once a second, and at once when an hour they hold has ended (a
    /// later hour is counted too), so the hours a table reads are merged before it is read; at once when
    /// <paramref name="now"/>. Kept on failure, for the next call.
    /// </summary>
    public async Task FlushAsync(bool now, CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var clock = time?.GetUtcNow();
        if (!now && clock is { } n && n - _lastFlush < FlushEvery && !HourEnded())
        {
            return;
        }

        await counts.AddAsync([.. _pending.Select(p => new PeerCount(p.Key.RuleId, p.Key.Band, p.Key.Hour, p.Value.Numerator, p.Value.Denominator))], cancellationToken);
        _pending.Clear();
        _lastFlush = clock ?? DateTimeOffset.MinValue;
    }

    private bool HourEnded()
    {
        var (oldest, newest) = (DateTimeOffset.MaxValue, DateTimeOffset.MinValue);
        foreach (var key in _pending.Keys)
        {
            (oldest, newest) = (key.Hour < oldest ? key.Hour : oldest, key.Hour > newest ? key.Hour : newest);
        }

        return oldest < newest;
    }

    private async Task<Table> ReadAsync(DateTimeOffset hour, IReadOnlyList<RuleDefinition> rules, CancellationToken cancellationToken)
    {
        var rates = new Dictionary<(string, int), double>();
        foreach (var rule in rules)
        {
            // The buckets of the baseline's history that ended an hour or more before this hour began.
            var buckets = await counts.ReadAsync(rule.Id, hour - rule.Baseline!.History, hour - (2 * Hour), cancellationToken);
            var sums = new (long Numerator, long Denominator)[PeerGroups.Bands];
            foreach (var b in buckets)
            {
                if (b.Band is >= 0 and < PeerGroups.Bands)
                {
                    sums[b.Band] = (sums[b.Band].Numerator + b.Numerator, sums[b.Band].Denominator + b.Denominator);
                }
            }

            for (var band = 0; band < PeerGroups.Bands; band++)
            {
                if (sums[band].Denominator * rule.Expected!.Value >= MinimumExpectedEvents)
                {
                    rates[(rule.Id, band)] = TwoDigits((double)sums[band].Numerator / sums[band].Denominator);
                }
            }
        }

        return new Table([.. rules.Select(r => r.Id)], rates);
    }

    // Two significant digits: a bucket a crashed worker had not merged yet moves a rate by far less
    // than a step, so a restarted worker almost always reads the rate an undisturbed one did.
    private static double TwoDigits(double rate) =>
        rate <= 0 ? 0 : Math.Round(rate, Math.Clamp(1 - (int)Math.Floor(Math.Log10(rate)), 0, 15));

    private sealed record Table(HashSet<string> Rules, Dictionary<(string RuleId, int Band), double> Rates);
}
