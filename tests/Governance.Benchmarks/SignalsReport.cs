using System.Diagnostics;
using System.Globalization;

namespace Governance.Benchmarks;

/// <summary>Prints the signals benchmark's figures: one table of figures with targets, then where the time and memory go.</summary>
internal static class SignalsReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Print(SignalsBenchmarkOptions options, PhaseCost bare, WorkerFigures worker, int creators)
    {
        var t = worker.Throughput;
        var latency = worker.Latency;
        var usageBytes = worker.Usage.Values.Sum(u => u.Bytes);
        var p99 = Percentile.Of(latency.Total, 0.99);
        Console.WriteLine();
        Console.WriteLine($"{"figure",-60} {"measured",10} {"target",10} {"measured/target",16}");
        Row("1 worker throughput, Kafka → Redis → RabbitMQ (events/s)", t.EventsPerSecond.ToString("N0", Invariant), "≥ 50,000", t.EventsPerSecond / 50_000, higherIsBetter: true);
        Row("2 Redis round trips per event (throughput run)", t.RoundTripsPerEvent.ToString("0.0000", Invariant), "≤ 0.05", t.RoundTripsPerEvent / 0.05, higherIsBetter: false);
        Row("  Redis round trips per event (steady run, with signals)", worker.Steady.RoundTripsPerEvent.ToString("0.0000", Invariant), "≤ 0.05", worker.Steady.RoundTripsPerEvent / 0.05, higherIsBetter: false);
        Row($"3 event→signal latency p50 at {options.Rate:N0} events/s (ms)", Percentile.Of(latency.Total, 0.50).ToString("0", Invariant), "—", null, true);
        Row($"  event→signal latency p99 at {options.Rate:N0} events/s (ms)", p99.ToString("0", Invariant), "≤ 250", p99 / 250, higherIsBetter: false);
        Row("4 Redis memory per active creator, MEMORY USAGE (bytes)", (usageBytes / (double)creators).ToString("N0", Invariant), "—", null, true);
        Row("  Redis memory per active creator, used_memory growth (bytes)", (worker.UsedMemoryDelta / (double)creators).ToString("N0", Invariant), "—", null, true);
        Row("5 bare window loop: same Redis writes, no rules (events/s)", bare.EventsPerSecond.ToString("N0", Invariant), "—", null, true);
        Row("  worker / bare window loop", (t.EventsPerSecond / bare.EventsPerSecond).ToString("0.00", Invariant), "≥ 0.50", t.EventsPerSecond / bare.EventsPerSecond / 0.5, higherIsBetter: true);

        Console.WriteLine();
        Console.WriteLine($"{"where the time goes (µs per event)",-30} {"wall",7} {"in batch",9} {"store call",11} {"in memory",10} {"Redis CPU",10} {"Redis busy",11} {"forks",10} {"process CPU",12} {"events/batch",13} {"alloc B/event",14} {"GCs (gen2)",11} {"GC pause ms",12}");
        foreach (var phase in new[] { t, bare, worker.Steady })
        {
            Console.WriteLine($"{Label(phase),-30} {phase.WallMicros,7:0.0} {(phase.BatchMicros > 0 ? phase.BatchMicros.ToString("0.0", Invariant) : "—"),9} "
                + $"{phase.RedisWaitMicros,11:0.0} {phase.StoreComputeMicros,10:0.0} {phase.RedisCpuMicros,10:0.0} {phase.RedisBusy,11:P0} {phase.RedisForks,10} {phase.ProcessCpuMicros,12:0.0} {phase.EventsPerBatch,13:0} {phase.AllocatedPerEvent,14:N0} {$"{phase.Gen0Collections} ({phase.Gen2Collections})",11} {phase.GcPause.TotalMilliseconds,12:0}");
        }

        Console.WriteLine("(forks: AOF rewrites or snapshots Redis forked during the phase; each child takes most of a core for seconds, on the same two cores)");
        PrintCommands("the worker's throughput run", t);
        PrintCommands("the bare loop's run", bare);

        Console.WriteLine();
        Console.WriteLine($"latency at {options.Rate:N0} events/s (ms)                p50     p90     p99     max");
        Stage("producer → worker built the signal", latency.ToDetection);
        Stage("  of which Kafka producer → a consumer", worker.KafkaDelivery);
        foreach (var (stage, ages) in worker.InputAges.OrderByDescending(a => a.Key, StringComparer.Ordinal))
        {
            ages.Sort();
            Stage($"  batch's oldest record's age when {stage}", ages);
        }

        Stage("worker built the signal → RabbitMQ delivered it", latency.Publish);
        Stage("total", latency.Total);
        var stalls = worker.Stalls;
        var byDisturbance = latency.Spans.ToLookup(span => stalls.Disturbance(span.Produced, span.Received) ?? "", span => Stopwatch.GetElapsedTime(span.Produced, span.Received).TotalMilliseconds);
        void Disturbed(string label, string disturbance)
        {
            var sorted = byDisturbance[disturbance].Order().ToList();
            Stage($"  {label} ({sorted.Count})", sorted);
        }

        Disturbed("signals clear of the stalls below", "");
        Disturbed("near a Redis fork for persistence", "fork");
        Disturbed("near a GC pause of this process", "gc");
        Console.WriteLine($"(stalls of the steady run: Redis forked {stalls.Forks.Count}× for {stalls.Forks.Sum(f => Stopwatch.GetElapsedTime(f.From, f.To).TotalSeconds):0.0} s, the GC paused this process in {stalls.Pauses.Count} of the 100 ms polls; "
            + $"near = on the signal's way or in the {StallWatch.Settle.TotalSeconds:0} s after)");
        Console.WriteLine($"steady run: {worker.Steady.EventsPerBatch:0} events per batch, {worker.Steady.BatchMicros * worker.Steady.EventsPerBatch / 1000:0.0} ms per batch in effects (longest {worker.LongestSteadyBatch.TotalMilliseconds:0} ms); "
            + $"signals {string.Join(", ", latency.ByRule.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}"))}; "
            + $"{latency.Total.Count} matched to their triggering event (and {latency.WarmingUp} triggered in the {options.WarmupSeconds} s warm-up, left out)"
            + (latency.Unmatched > 0 ? $", {latency.Unmatched} not (published by other processes on the shared exchange; ignored)" : ""));

        Console.WriteLine();
        Console.WriteLine($"Redis memory of the worker's prefix for {creators:N0} distinct creators (MEMORY USAGE {usageBytes / 1048576.0:0.0} MiB; used_memory grew {worker.UsedMemoryDelta / 1048576.0:0.0} MiB):");
        Console.WriteLine($"{"key kind",-24} {"keys",10} {"keys/creator",13} {"bytes/creator",14} {"share",7}");
        foreach (var (kind, (keys, bytes)) in worker.Usage.OrderByDescending(u => u.Value.Bytes))
        {
            Console.WriteLine($"{kind,-24} {keys,10:N0} {keys / (double)creators,13:0.00} {bytes / (double)creators,14:N0} {bytes / (double)usageBytes,7:P0}");
        }
    }

    // INFO commandstats counts the commands a Lua script calls; what EVALSHA takes beyond them is the interpreter.
    private static void PrintCommands(string run, PhaseCost phase)
    {
        var commands = phase.RedisCommands.Where(c => c.Command is not ("info" or "memory|usage" or "scan" or "unlink" or "del")).ToList();
        var scripts = commands.Where(c => c.Command is "evalsha" or "eval").ToList();
        var inner = commands.Except(scripts).ToList();
        var scriptMicros = scripts.Sum(c => c.Micros);
        Console.WriteLine($"Redis commands per event in {run}: {scripts.Sum(c => c.Calls):0.000} Lua calls taking {scriptMicros:0.0} µs, "
            + $"of which commands inside {inner.Sum(c => c.Micros):0.0} µs ({inner.Sum(c => c.Calls):0.0} calls) and Lua itself {scriptMicros - inner.Sum(c => c.Micros):0.0} µs:");
        Console.WriteLine("  " + string.Join(", ", inner.Take(12).Select(c => $"{c.Command} {c.Calls:0.0}×/{c.Micros:0.0} µs")));
    }

    private static void Stage(string name, IReadOnlyList<double> sorted) =>
        Console.WriteLine($"{name,-50} {Percentile.Of(sorted, 0.5),7:0} {Percentile.Of(sorted, 0.9),7:0} {Percentile.Of(sorted, 0.99),7:0} {Percentile.Of(sorted, 1),7:0}");

    private static void Row(string figure, string measured, string target, double? ratio, bool higherIsBetter)
    {
        var verdict = ratio is { } r && !double.IsNaN(r) ? $"{r,6:0.00} {((higherIsBetter ? r >= 1 : r <= 1) ? "met" : "NOT met"),-7}" : "";
        Console.WriteLine($"{figure,-60} {measured,10} {target,10} {verdict,16}");
    }

    private static string Label(PhaseCost phase) => phase.Name switch
    {
        var n when n.StartsWith("signal worker", StringComparison.Ordinal) => "worker, throughput run",
        var n when n.StartsWith("bare", StringComparison.Ordinal) => "bare window loop",
        _ => "worker, steady run",
    };
}
