using Governance.Rules;
using Governance.Rules.Engine;
using Governance.Rules.Windows;

namespace Governance.Cli.Rules;

/// <summary>
/// Replays events through the engine with the exact in-memory store, in batches like the worker,
/// starting cooldowns after each batch's firings as the worker does after publishing.
/// </summary>
internal static class Replay
{
    private const int BatchSize = 1000;

    public static async Task<ReplayResult> RunAsync(RulePack pack, IReadOnlyList<RuleEvent> events, CancellationToken cancellationToken)
    {
        var store = new ExactWindowStore(new WindowStoreOptions());
        var engine = new RuleEngine(store);
        var counters = new EngineCounters();
        var firings = new List<(RuleFiring Firing, IReadOnlyList<Contracts.EvidenceItem> Evidence)>();
        for (var start = 0; start < events.Count; start += BatchSize)
        {
            var batch = events.Skip(start).Take(BatchSize).ToList();
            var fired = await engine.EvaluateAsync(pack, batch, counters, cancellationToken);
            if (fired.Count == 0)
            {
                continue;
            }

            var evidence = await store.GetEvidenceAsync([.. fired.Select(f => new EvidenceRequest(f.Event.CreatorId, f.EvidenceKey, f.Rule.Definition.Window, f.WindowEnd))], cancellationToken);
            firings.AddRange(fired.Select((f, i) => (f, evidence[i])));
            await store.SetCooldownsAsync([.. fired.Select(f => new Cooldown(f.Event.CreatorId, f.Rule.Id, f.WindowEnd + f.Rule.Definition.Cooldown))], cancellationToken);
        }

        return new ReplayResult(firings, counters);
    }

    public static Contracts.RiskSignalDetected ToSignal((RuleFiring Firing, IReadOnlyList<Contracts.EvidenceItem> Evidence) firing) =>
        SignalFactory.Create(firing.Firing, firing.Evidence, firing.Firing.WindowEnd);
}
