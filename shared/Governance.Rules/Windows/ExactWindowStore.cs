using Governance.Contracts;

namespace Governance.Rules.Windows;

/// <summary>
/// The exact reference: every contribution is kept with its time, so a window's value is exactly the
/// sum (or distinct count) over (end − window, end]. In memory; for tests and backtests.
/// </summary>
public sealed class ExactWindowStore(WindowStoreOptions options) : IWindowStore
{
    private readonly Dictionary<string, CreatorState> _creators = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private DateTimeOffset? _epoch;

    /// <inheritdoc />
    public Task<DateTimeOffset> EpochAsync(DateTimeOffset candidate, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _epoch ??= candidate;
            return Task.FromResult(_epoch.Value);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CreatorOutcome>> ApplyAsync(IReadOnlyList<CreatorUpdates> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<CreatorOutcome>>([.. batch.Select(Apply)]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IReadOnlyList<EvidenceItem>>> GetEvidenceAsync(IReadOnlyList<EvidenceRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<IReadOnlyList<EvidenceItem>>>([.. requests.Select(r =>
                (IReadOnlyList<EvidenceItem>)(_creators.TryGetValue(r.CreatorId, out var creator) && creator.Evidence.TryGetValue(r.Key, out var items)
                    ? [.. items.Where(i => i.OccurredAt > r.WindowEnd - r.Window && i.OccurredAt <= r.WindowEnd)
                        .OrderByDescending(i => i.OccurredAt).Take(options.EvidenceLimit)]
                    : []))]);
        }
    }

    /// <inheritdoc />
    public Task SetCooldownsAsync(IReadOnlyList<Cooldown> cooldowns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cooldowns);
        lock (_lock)
        {
            foreach (var cooldown in cooldowns)
            {
                var creator = State(cooldown.CreatorId);
                if (!creator.Cooldowns.TryGetValue(cooldown.RuleId, out var until) || until < cooldown.Until)
                {
                    creator.Cooldowns[cooldown.RuleId] = cooldown.Until;
                }
            }
        }

        return Task.CompletedTask;
    }

    private CreatorOutcome Apply(CreatorUpdates updates)
    {
        var creator = State(updates.CreatorId);
        var outcomes = new List<EventOutcome>(updates.Events.Count);
        foreach (var e in updates.Events)
        {
            if (creator.Watermark is { } mark && e.OccurredAt < mark - options.AllowedLateness && !creator.Seen.Contains(e.EventId))
            {
                outcomes.Add(new EventOutcome(EventStatus.Late, [], mark));
                continue;
            }

            var duplicate = !creator.Seen.Add(e.EventId);
            var end = creator.Watermark is { } w && w > e.OccurredAt ? w : e.OccurredAt;
            if (!duplicate)
            {
                creator.Watermark = end;
                creator.FirstSeen = creator.FirstSeen is { } first && first <= e.OccurredAt ? first : e.OccurredAt;
            }

            var values = new double[e.Updates.Count];
            for (var i = 0; i < e.Updates.Count; i++)
            {
                var update = e.Updates[i];
                var apply = update.Apply && !duplicate && e.OccurredAt > end - update.Window;
                values[i] = update.Kind == UpdateKind.Series
                    ? Series(creator, update, e.OccurredAt, end, apply)
                    : Distinct(creator, update, e.OccurredAt, end, apply);
                if (apply && update.KeepEvidence)
                {
                    var evidence = Evidence(creator, update.Key);
                    evidence.Add(new EvidenceItem { EventId = e.EventId, Type = e.Type, OccurredAt = e.OccurredAt });
                    if (evidence.Count > 4 * options.EvidenceLimit)
                    {
                        // Like the Redis store: only the most recent entries are kept.
                        evidence.Sort((a, b) => b.OccurredAt.CompareTo(a.OccurredAt));
                        evidence.RemoveRange(options.EvidenceLimit, evidence.Count - options.EvidenceLimit);
                    }
                }
            }

            outcomes.Add(new EventOutcome(duplicate ? EventStatus.Duplicate : EventStatus.Applied, values, end));
        }

        var cooling = updates.CooldownRules
            .Where(creator.Cooldowns.ContainsKey)
            .ToDictionary(r => r, r => creator.Cooldowns[r], StringComparer.Ordinal);
        return new CreatorOutcome(outcomes, cooling, creator.FirstSeen);
    }

    private static double Series(CreatorState creator, StateUpdate update, DateTimeOffset at, DateTimeOffset end, bool apply)
    {
        if (!creator.Series.TryGetValue(update.Key, out var series))
        {
            creator.Series[update.Key] = series = new ExactSeries(update.Window);
        }

        return series.Add(at, update.Delta, end, apply);
    }

    private static double Distinct(CreatorState creator, StateUpdate update, DateTimeOffset at, DateTimeOffset end, bool apply)
    {
        if (!creator.Distinct.TryGetValue(update.Key, out var distinct))
        {
            creator.Distinct[update.Key] = distinct = new ExactDistinct(update.Window);
        }

        return distinct.Add(update.Item, at, end, apply);
    }

    private static List<EvidenceItem> Evidence(CreatorState creator, string key)
    {
        if (!creator.Evidence.TryGetValue(key, out var list))
        {
            creator.Evidence[key] = list = [];
        }

        return list;
    }

    private CreatorState State(string creatorId)
    {
        if (!_creators.TryGetValue(creatorId, out var state))
        {
            _creators[creatorId] = state = new CreatorState();
        }

        return state;
    }

    private sealed class CreatorState
    {
        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset? Watermark { get; set; }

        public DateTimeOffset? FirstSeen { get; set; }

        public Dictionary<string, ExactSeries> Series { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ExactDistinct> Distinct { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<EvidenceItem>> Evidence { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, DateTimeOffset> Cooldowns { get; } = new(StringComparer.Ordinal);
    }
}
