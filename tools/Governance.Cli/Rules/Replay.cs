using Governance.Contracts;
using Governance.Redis;
using Governance.Rules;
using Governance.Rules.Engine;
using Governance.Rules.Windows;

namespace Governance.Cli.Rules;

/// <summary>
/// Replays events through the engine and the worker's window store (over hashes in memory), in
/// batches like the worker, as a deployment that started with the first event: the epoch is that
/// event's time. <c>detectedAt</c> is the window's end, so a replay is the same every time, and its
/// signals are the worker's (signalId, value, windowEnd, evidence).
/// </summary>
internal static class Replay
{
    private const int BatchSize = 1000;

    public static async Task<ReplayResult> RunAsync(RulePack pack, IReadOnlyList<RuleEvent> events, CancellationToken cancellationToken)
    {
        using var store = HeldWindowStore.InMemory(new WindowStoreOptions());
        if (events.Count > 0)
        {
            await store.EpochAsync(events.Min(e => e.OccurredAt), cancellationToken);
        }

        var peers = new MemoryPeerCounts();
        var engine = new RuleEngine(store, peers: peers);
        var counters = new EngineCounters();
        var firings = new List<(RuleFiring Firing, RiskSignalDetected Signal)>();
        for (var start = 0; start < events.Count; start += BatchSize)
        {
            var batch = events.Skip(start).Take(BatchSize).ToList();
            var evaluated = await engine.EvaluateAsync(pack, batch, counters, cancellationToken);

            // Every signal is "published" at once: none stays pending for the next batch.
            await store.ConfirmAsync(evaluated.Signals, cancellationToken);
            var bySignalId = evaluated.Signals.ToDictionary(s => s.SignalId, StringComparer.Ordinal);
            firings.AddRange(evaluated.Firings.Select(f => (f, bySignalId[SignalIds.Of(f)])));
        }

        await engine.FlushPeerCountsAsync(cancellationToken);
        var peerCounts = new List<PeerCount>();
        foreach (var rule in pack.PeerRules)
        {
            peerCounts.AddRange(await peers.ReadAsync(rule.Id, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, cancellationToken));
        }

        return new ReplayResult(firings, counters, peerCounts);
    }
}
