using Governance.Rules.Windows;

namespace Governance.Rules.Engine;

/// <summary>The engine's side of one <see cref="IWindowStore.ApplyAsync"/> call: decides each creator as the store computes it.</summary>
internal sealed class BatchDecisions(
    PlannedBatch batch,
    DecisionContext context,
    EngineCounters counters,
    Func<IReadOnlyList<TooLateEvent>, CancellationToken, Task> deadLetter,
    TimeProvider? time) : IWindowDecisions
{
    private static readonly IReadOnlyList<DecidedSignal> NoSignals = [];

    // Per creator: a store may decide a creator again (its write was refused and it was recomputed).
    private readonly List<RuleFiring>?[] _firings = new List<RuleFiring>?[batch.Creators.Count];

    private readonly List<PeerCount>?[] _peerCounts = new List<PeerCount>?[batch.Creators.Count];

    public IReadOnlyList<RuleFiring> Firings => [.. _firings.SelectMany(f => f ?? [])];

    /// <summary>The applied events of surprise rules with a peer prior, per rule, band and hour (<see cref="PeerPriors.Add"/>).</summary>
    public IEnumerable<PeerCount> PeerCounts => _peerCounts.SelectMany(c => c ?? []);

    public IReadOnlyList<DecidedSignal> Decide(int creator, CreatorOutcome outcome)
    {
        var firings = new List<(int EventIndex, RuleFiring Firing)>();
        var counted = new EngineCounters();
        var peerCounts = new List<PeerCount>();
        FiringDecider.Decide(batch.Creators[creator], outcome, context, peerCounts, counted, firings);
        _peerCounts[creator] = peerCounts;
        if (_firings[creator] is null)
        {
            counters.Add(counted);
        }

        _firings[creator] = [.. firings.Select(f => f.Firing)];
        if (firings.Count == 0)
        {
            return NoSignals;
        }

        var detectedAt = time?.GetUtcNow();
        return [.. firings.Select(x => ToDecided(x.EventIndex, x.Firing, detectedAt))];
    }

    public Task DeadLetterAsync(IReadOnlyList<TooLateEvent> events, CancellationToken cancellationToken) => deadLetter(events, cancellationToken);

    private static DecidedSignal ToDecided(int eventIndex, RuleFiring f, DateTimeOffset? detectedAt) => new(
        f.Rule.Id,
        eventIndex,
        f.EvidenceKey,
        f.Rule.Definition.Window,
        f.WindowEnd,
        f.WindowEnd + f.Rule.Definition.Cooldown,
        evidence => SignalFactory.Create(f, evidence, detectedAt ?? f.WindowEnd));
}
