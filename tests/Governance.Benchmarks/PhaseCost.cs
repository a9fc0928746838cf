using System.Diagnostics;

namespace Governance.Benchmarks;

/// <summary>What a run cost between two samples: rate, and time per event by where it went.</summary>
internal sealed record PhaseCost(string Name, CostSample From, CostSample To)
{
    public long Events => To.Events - From.Events;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(From.At, To.At);

    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public double WallMicros => Elapsed.TotalMicroseconds / Events;

    /// <summary>Time inside the batch's effects (worker: <c>governance.signals.batch.duration</c>).</summary>
    public double BatchMicros => (To.BatchTime - From.BatchTime).TotalMicroseconds / Events;

    /// <summary>Time waiting for the window store (pipelined Lua calls, evidence, cooldowns).</summary>
    public double RedisWaitMicros => (To.RedisWait - From.RedisWait).TotalMicroseconds / Events;

    /// <summary>Part of the store's time computing windows in memory and building the writes.</summary>
    public double StoreComputeMicros => (To.StoreCompute - From.StoreCompute).TotalMicroseconds / Events;

    /// <summary>Redis server CPU (its single main thread runs every Lua call).</summary>
    public double RedisCpuMicros => (To.Redis.Cpu - From.Redis.Cpu).TotalMicroseconds / Events;

    public long RedisForks => To.Redis.Forks - From.Redis.Forks;

    /// <summary>CPU of this whole process: worker, feeder and the in-process mock Kafka cluster.</summary>
    public double ProcessCpuMicros => (To.ProcessCpu - From.ProcessCpu).TotalMicroseconds / Events;

    /// <summary>Share of one core the Redis server was busy.</summary>
    public double RedisBusy => (To.Redis.Cpu - From.Redis.Cpu) / Elapsed;

    /// <summary>GC pauses of this process (worker, feeder and mock cluster share it) during the phase.</summary>
    public TimeSpan GcPause => To.GcPause - From.GcPause;

    public int Gen0Collections => To.Gen0Collections - From.Gen0Collections;

    public int Gen2Collections => To.Gen2Collections - From.Gen2Collections;

    /// <summary>Bytes allocated per event by the whole process (worker, feeder, clients).</summary>
    public double AllocatedPerEvent => (double)(To.Allocated - From.Allocated) / Events;

    public double RoundTripsPerEvent => (double)(To.RoundTrips - From.RoundTrips) / Events;

    /// <summary>Redis commands run during the phase, per event: calls and µs (Lua's own commands included).</summary>
    public IReadOnlyList<(string Command, double Calls, double Micros)> RedisCommands =>
    [
        .. To.Redis.Commands
            .Select(c => (c.Key, Calls: c.Value.Calls - From.Redis.Commands.GetValueOrDefault(c.Key).Calls, Micros: c.Value.Micros - From.Redis.Commands.GetValueOrDefault(c.Key).Micros))
            .Where(c => c.Calls > 0)
            .Select(c => (c.Key, (double)c.Calls / Events, c.Micros / Events))
            .OrderByDescending(c => c.Item3),
    ];

    public double EventsPerBatch => To.Batches == From.Batches ? 0 : (double)Events / (To.Batches - From.Batches);
}
