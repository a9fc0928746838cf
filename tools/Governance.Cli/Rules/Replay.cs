using Governance.Contracts;
using Governance.Rules;
using Governance.Rules.Engine;
using Governance.Rules.Windows;

namespace Governance.Cli.Rules;

/// <summary>
/// Replays events through the engine with the exact in-memory store, in batches like the worker;
/// <c>detectedAt</c> is the window's end, so a replay is the same every time.
/// </summary>
internal static class Replay
{
    private const int BatchSize = 1000;

    public static async Task<ReplayResult> RunAsync(RulePack pack, IReadOnlyList<RuleEvent> events, CancellationToken cancellationToken)
    {
        var engine = new RuleEngine(new ExactWindowStore(new WindowStoreOptions()));
        var counters = new EngineCounters();
        var firings = new List<(RuleFiring Firing, RiskSignalDetected Signal)>();
        for (var start = 0; start < events.Count; start += BatchSize)
        {
            var batch = events.Skip(start).Take(BatchSize).ToList();
            var evaluated = await engine.EvaluateAsync(pack, batch, counters, cancellationToken);

            // The exact store keeps nothing pending: its signals are this batch's firings, in order.
            firings.AddRange(evaluated.Firings.Zip(evaluated.Signals));
        }

        return new ReplayResult(firings, counters);
    }
}
