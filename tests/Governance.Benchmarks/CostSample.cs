namespace Governance.Benchmarks;

/// <summary>Counters read at one instant of a measured run (<see cref="At"/> in Stopwatch ticks).</summary>
internal readonly record struct CostSample(
    long Events, long At, TimeSpan ProcessCpu, RedisSnapshot Redis, TimeSpan RedisWait, long RoundTrips, TimeSpan BatchTime, long Batches);
