using Governance.Rules.Windows;
using Microsoft.Extensions.Logging;

namespace Governance.Rules.Engine;

/// <summary>
/// Evaluates a pack on a batch of events: filters and keys in process (<see cref="RulePlanner"/>), window
/// state in the <see cref="IWindowStore"/> (one call per batch), thresholds, minimums, baselines and
/// cooldowns decided per creator while the store holds it (<see cref="FiringDecider"/>), so each firing is
/// written as a pending signal in the same atomic write as the state it came from (decided once; a
/// replay publishes the same message).
/// </summary>
/// <param name="store">The window store.</param>
/// <param name="time">Wall clock for <c>detectedAt</c>; null (backtests) uses the window's end, so a replay is identical.</param>
/// <param name="logger">Where rules that throw are reported, at most once a minute per rule; null reports nothing (the counters still count).</param>
/// <param name="peers">Where the peer-group counts of surprise rules are merged (<see cref="PeerPriors"/>); null keeps them in memory (a backtest).</param>
public sealed class RuleEngine(IWindowStore store, TimeProvider? time = null, ILogger? logger = null, IPeerCounts? peers = null)
{
    private readonly PeerPriors _peers = new(peers ?? new MemoryPeerCounts(), time);
    private readonly RuleErrorLog? _errors = logger is null ? null : new RuleErrorLog(logger, time ?? TimeProvider.System);
    private readonly Dictionary<string, DateTimeOffset> _stateEpochs = new(StringComparer.Ordinal);
    private DateTimeOffset? _epoch;
    private bool _deploymentMarked;

    /// <summary>Evaluates <paramref name="events"/> (any creators, in arrival order): the firings in order and the signals to publish.</summary>
    public Task<EvaluatedBatch> EvaluateAsync(RulePack pack, IReadOnlyList<RuleEvent> events, EngineCounters counters, CancellationToken cancellationToken) =>
        DecideAsync(Plan(pack, events, counters), counters, NoDeadLetters, cancellationToken);

    /// <summary>
    /// The state-free half of an evaluation: filters, keys and the updates each event asks for. Pure,
    /// so a worker can plan its next batch while the window store works on the current one.
    /// </summary>
    public static PlannedBatch Plan(RulePack pack, IReadOnlyList<RuleEvent> events, EngineCounters counters)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(counters);
        counters.Events += events.Count;
        var creators = new Dictionary<string, CreatorPlan>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!creators.TryGetValue(e.CreatorId, out var plan))
            {
                creators[e.CreatorId] = plan = new CreatorPlan(e.CreatorId);
            }

            plan.Add(e, RulePlanner.PlanEvent(pack, e, counters), pack.Horizon(e.Source));
        }

        var peerHours = pack.PeerRules.Count == 0 ? [] : events.Select(e => PeerGroups.HourOf(e.OccurredAt)).Distinct().ToList();
        return new PlannedBatch([.. creators.Values], events.Count > 0 ? events.Max(e => e.OccurredAt) : null, pack, peerHours);
    }

    /// <summary>
    /// The stateful half: applies a planned batch to the window store, deciding each creator's firings
    /// while the store holds it; events too late for every window go to <paramref name="deadLetter"/>
    /// before their offsets are stored. Rules that threw while the batch was planned or decided are
    /// reported once it is applied.
    /// </summary>
    public async Task<EvaluatedBatch> DecideAsync(PlannedBatch batch, EngineCounters counters, Func<IReadOnlyList<TooLateEvent>, CancellationToken, Task> deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(deadLetter);
        if (_epoch is null && batch.Newest is { } newest)
        {
            // The deployment's start: the newest event of its first batch (older ones there may be history).
            _epoch = await store.EpochAsync(newest, cancellationToken);
        }

        // The first batch always asks (the deployment's first pack is marked even when it has no
        // baseline, so that a baseline rule added later is known as added later).
        if (_epoch is { } epoch && batch.Newest is { } now && (!_deploymentMarked || batch.Pack.BaselineStates.Any(k => !_stateEpochs.ContainsKey(k))))
        {
            var missing = batch.Pack.BaselineStates.Where(k => !_stateEpochs.ContainsKey(k)).ToList();
            var began = await store.StateEpochsAsync(missing, epoch, now, cancellationToken);
            for (var i = 0; i < missing.Count; i++)
            {
                _stateEpochs[missing[i]] = began[i];
            }

            _deploymentMarked = true;
        }

        // Earlier batches' peer counts are merged before this one is applied: a failed merge then
        // fails a batch that changed nothing (retried whole), and the counts wait for the next try.
        await _peers.FlushAsync(now: false, cancellationToken);
        await _peers.PrepareAsync(batch, cancellationToken);
        var context = new DecisionContext(_epoch ?? DateTimeOffset.MinValue, _stateEpochs, _peers);
        var decisions = new BatchDecisions(batch, context, counters, deadLetter, time);
        var outcome = await store.ApplyAsync([.. batch.Creators.Select(p => p.ToUpdates())], decisions, cancellationToken);
        _peers.Add(decisions.PeerCounts);
        _errors?.Report(counters);
        return new EvaluatedBatch(decisions.Firings, outcome.Signals);
    }

    /// <summary>Merges the peer counts not merged yet (a replay's end: a worker merges them with its next batches).</summary>
    public Task FlushPeerCountsAsync(CancellationToken cancellationToken) => _peers.FlushAsync(now: true, cancellationToken);

    private static Task NoDeadLetters(IReadOnlyList<TooLateEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;
}
