using System.Diagnostics;
using Governance.Contracts;

namespace Governance.Benchmarks;

/// <summary>
/// Event-to-signal latency: from when the triggering event was handed to the producer to when its
/// RiskSignalDetected arrived from RabbitMQ. The triggering event is the one whose creator and
/// <c>occurredAt</c> are the signal's creator and <c>windowEnd</c>. Split at the signal's
/// <c>detectedAt</c> (the worker's clock when it built the signal, just before publishing). Signals whose
/// triggering event was produced in the run's untimed warm-up are left out: there the worker's first publish
/// declares the RabbitMQ topology (~0.1 s once per process) and the JIT compiles the signal path (~3,200
/// methods in the first 10 s), which a running deployment has long done.
/// </summary>
internal sealed record SignalLatency(
    IReadOnlyList<double> Total, IReadOnlyList<double> ToDetection, IReadOnlyList<double> Publish, int WarmingUp, int Unmatched, IReadOnlyDictionary<string, int> ByRule,
    IReadOnlyList<(long Produced, long Received)> Spans)
{
    public static SignalLatency Match(
        IEnumerable<(RiskSignalDetected Signal, long ReceivedAt)> received, (string CreatorId, long OccurredAtMs)[] keys, long[] producedAt, (DateTimeOffset Utc, long Ticks) anchor, TimeSpan warmup)
    {
        var index = new Dictionary<(string, long), int>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            index.TryAdd(keys[i], i);
        }

        List<double> total = [], detection = [], publish = [];
        List<(long, long)> spans = [];
        var unmatched = 0;
        var warmingUp = 0;
        var byRule = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (signal, at) in received)
        {
            byRule[signal.RuleId] = byRule.GetValueOrDefault(signal.RuleId) + 1;
            if (!index.TryGetValue((signal.CreatorId, signal.WindowEnd.ToUnixTimeMilliseconds()), out var i))
            {
                unmatched++;
                continue;
            }

            if (Stopwatch.GetElapsedTime(producedAt[0], producedAt[i]) < warmup)
            {
                warmingUp++;
                continue;
            }

            total.Add(Stopwatch.GetElapsedTime(producedAt[i], at).TotalMilliseconds);
            spans.Add((producedAt[i], at));
            detection.Add((signal.DetectedAt - Utc(producedAt[i])).TotalMilliseconds);
            publish.Add((Utc(at) - signal.DetectedAt).TotalMilliseconds);
        }

        total.Sort();
        detection.Sort();
        publish.Sort();
        return new SignalLatency(total, detection, publish, warmingUp, unmatched, byRule, spans);

        DateTimeOffset Utc(long ticks) => anchor.Utc + Stopwatch.GetElapsedTime(anchor.Ticks, ticks);
    }
}
