namespace Governance.Benchmarks;

/// <summary>Counters read at one instant of a measured run (<see cref="At"/> in Stopwatch ticks).</summary>
internal readonly record struct CostSample(
    long Events, long At, TimeSpan ProcessCpu, RedisSnapshot Redis, TimeSpan RedisWait, long RoundTrips, TimeSpan BatchTime, long Batches, TimeSpan StoreCompute)
{
    /// <summary>Time this process was paused by the GC so far.</summary>
    public TimeSpan GcPause { get; } = GC.GetTotalPauseDuration();

    public int Gen0Collections { get; } = GC.CollectionCount(0);

    public int Gen2Collections { get; } = GC.CollectionCount(2);

    /// <summary>Bytes this process allocated so far (every thread).</summary>
    public long Allocated { get; } = GC.GetTotalAllocatedBytes();
}
