using Governance.Rules.Windows;

namespace Governance.Rules.Engine;

/// <summary>The engine's side of one <see cref="IWindowStore.ApplyAsync"/> call: decides each creator as the store computes it.</summary>
internal sealed class BatchDecisions(
    PlannedBatch batch,
    DateTimeOffset epoch,
    EngineCounters counters,
    Func<IReadOnlyList<TooLateEvent>, CancellationToken, Task> deadLetter,
    TimeProvider? time) : IWindowDecisions
{
    private static readonly IReadOnlyList<DecidedSignal> NoSignals = [];

    // Per creator: a store may decide a creator again (its write was refused and it was recomputed).
    private readonly List<RuleFiring>?[] _firings = new List<RuleFiring>?[batch.Creators.Count];

    public IReadOnlyList<RuleFiring> Firings => [.. _firings.SelectMany(f => f ?? [])];

    public IReadOnlyList<DecidedSignal> Decide(int creator, CreatorOutcome outcome)
    {
        var firings = new List<(int EventIndex, RuleFiring Firing)>();
        var counted = new EngineCounters();
        FiringDecider.Decide(batch.Creators[creator], outcome, epoch, counted, firings);
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
