using Governance.Contracts;

namespace Governance.Rules.Windows;

/// <summary>
/// The exact reference: every contribution is kept with its time, so a window's value is exactly the
/// sum (or distinct count) over (end − window, end]. In memory, nothing to crash: decided signals are
/// returned at once and nothing stays pending. The tests' oracle for the held-state store. One caller
/// at a time.
/// </summary>
public sealed class ExactWindowStore(WindowStoreOptions options) : IWindowStore
{
    private readonly Dictionary<string, CreatorState> _creators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _stateEpochs = new(StringComparer.Ordinal);
    private DateTimeOffset? _epoch;

    /// <inheritdoc />
    public Task<IReadOnlyList<DateTimeOffset>> StateEpochsAsync(IReadOnlyList<string> stateKeys, DateTimeOffset deploymentEpoch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateKeys);
        var began = _stateEpochs.TryAdd("@deployment", deploymentEpoch) ? deploymentEpoch : now;
        foreach (var key in stateKeys)
        {
            _stateEpochs.TryAdd(key, began);
        }

        return Task.FromResult<IReadOnlyList<DateTimeOffset>>([.. stateKeys.Select(k => _stateEpochs[k])]);
    }

    /// <inheritdoc/>
    public Task<DateTimeOffset> EpochAsync(DateTimeOffset candidate, CancellationToken cancellationToken)
    {
        _epoch ??= candidate;
        return Task.FromResult(_epoch.Value);
    }

    /// <inheritdoc />
    public async Task<BatchOutcome> ApplyAsync(IReadOnlyList<CreatorUpdates> batch, IWindowDecisions decisions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(decisions);
        var outcomes = new CreatorOutcome[batch.Count];
        var signals = new List<RiskSignalDetected>();
        var tooLate = new List<TooLateEvent>();
        for (var c = 0; c < batch.Count; c++)
        {
            var creator = State(batch[c].CreatorId);
            var sequence = new long[batch[c].Events.Count];
            outcomes[c] = Apply(batch[c], creator, tooLate, sequence);
            foreach (var decided in decisions.Decide(c, outcomes[c]))
            {
                signals.Add(decided.Build(Evidence(creator, decided, sequence[decided.EventIndex])));
                if (!creator.Cooldowns.TryGetValue(decided.RuleId, out var until) || until < decided.CooldownUntil)
                {
                    creator.Cooldowns[decided.RuleId] = decided.CooldownUntil;
                }
            }

            TrimEvidence(creator);
        }

        if (tooLate.Count > 0)
        {
            await decisions.DeadLetterAsync(tooLate, cancellationToken);
        }

        return new BatchOutcome(outcomes, signals);
    }

    /// <inheritdoc />
    public Task ConfirmAsync(IReadOnlyList<RiskSignalDetected> published, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Applies the creator's events; <paramref name="sequence"/> receives each event's place in the creator's input.</summary>
    private static CreatorOutcome Apply(CreatorUpdates updates, CreatorState creator, List<TooLateEvent> tooLate, long[] sequence)
    {
        var outcomes = new List<EventOutcome>(updates.Events.Count);
        foreach (var e in updates.Events)
        {
            sequence[outcomes.Count] = ++creator.Sequence;
            var mark = creator.Watermarks.TryGetValue(e.Source, out var w) ? w : (DateTimeOffset?)null;
            var end = mark is { } m && m > e.OccurredAt ? m : e.OccurredAt;
            if (e.Position.IsKnown)
            {
                if (creator.Offsets.TryGetValue(e.Position.Partition, out var applied) && e.Position.Offset <= applied)
                {
                    outcomes.Add(new EventOutcome(EventStatus.Duplicate, [], end));
                    continue;
                }

                creator.Offsets[e.Position.Partition] = e.Position.Offset;
            }

            if (creator.Seen.Contains(e.EventId))
            {
                outcomes.Add(new EventOutcome(EventStatus.Duplicate, [], end));
                continue;
            }

            if (mark is { } late && e.Horizon > TimeSpan.Zero && e.OccurredAt <= late - e.Horizon)
            {
                tooLate.Add(new TooLateEvent(updates.CreatorId, e.EventId, e.Source, e.OccurredAt, late, e.Position));
                outcomes.Add(new EventOutcome(EventStatus.TooLate, [], end));
                continue;
            }

            creator.Seen.Add(e.EventId);
            creator.Watermarks[e.Source] = end;
            var values = new double[e.Updates.Count];
            for (var i = 0; i < e.Updates.Count; i++)
            {
                var update = e.Updates[i];
                var apply = update.Apply && e.OccurredAt > end - update.Window;
                values[i] = update.Kind == UpdateKind.Series
                    ? Series(creator, update, e.OccurredAt, end, apply)
                    : Distinct(creator, update, e.OccurredAt, end, apply);
                if (apply && update.KeepEvidence)
                {
                    AddEvidence(creator, update.Key, new EvidenceItem { EventId = e.EventId, Type = e.Type, OccurredAt = e.OccurredAt }, creator.Sequence);
                }
            }

            outcomes.Add(new EventOutcome(EventStatus.Applied, values, end));
        }

        var cooling = updates.CooldownRules
            .Where(creator.Cooldowns.ContainsKey)
            .ToDictionary(r => r, r => creator.Cooldowns[r], StringComparer.Ordinal);
        return new CreatorOutcome(outcomes, cooling);
    }

    private static void AddEvidence(CreatorState creator, string key, EvidenceItem item, long sequence)
    {
        if (!creator.Evidence.TryGetValue(key, out var list))
        {
            creator.Evidence[key] = list = [];
        }

        list.Add((item, sequence));
    }

    /// <summary>
    /// Keeps, of each state's contributions, those a ring of <see cref="WindowStoreOptions.EvidenceLimit"/>
    /// slots keeps (the newest by event time): done after the batch's decisions, so that a firing sees the
    /// contributions as they stood at its triggering event, whatever came after it in the batch.
    /// </summary>
    private void TrimEvidence(CreatorState creator)
    {
        foreach (var list in creator.Evidence.Values)
        {
            if (list.Count > 4 * options.EvidenceLimit)
            {
                var kept = list.OrderByDescending(c => c.Item.OccurredAt).Take(options.EvidenceLimit).Select(c => c.Sequence).ToHashSet();
                list.RemoveAll(c => !kept.Contains(c.Sequence));
            }
        }
    }

    private List<EvidenceItem> Evidence(CreatorState creator, DecidedSignal signal, long trigger) =>
        creator.Evidence.TryGetValue(signal.EvidenceKey, out var contributions)
            ? FiringEvidence.Select(contributions.Where(c => c.Sequence <= trigger).Select(c => c.Item), options.EvidenceLimit, signal.Window, signal.WindowEnd)
            : [];

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

        public Dictionary<int, long> Offsets { get; } = [];

        public Dictionary<string, DateTimeOffset> Watermarks { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ExactSeries> Series { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ExactDistinct> Distinct { get; } = new(StringComparer.Ordinal);

        /// <summary>Per state, its contributions in input order, each with its event's <see cref="Sequence"/>.</summary>
        public Dictionary<string, List<(EvidenceItem Item, long Sequence)>> Evidence { get; } = new(StringComparer.Ordinal);

        /// <summary>Events seen so far (the place of the last one in the creator's input).</summary>
        public long Sequence { get; set; }

        public Dictionary<string, DateTimeOffset> Cooldowns { get; } = new(StringComparer.Ordinal);
    }
}
