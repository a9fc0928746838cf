using System.Diagnostics;

namespace Governance.Redis.Windows;

/// <summary>What the window store did, for the benchmarks' figures and the dropped-keys metric; safe to read while it works.</summary>
internal sealed class WindowStoreCounters
{
    private long _roundTrips;
    private long _conflicts;
    private long _computeTicks;
    private long _droppedKeys;

    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    public long Conflicts => Interlocked.Read(ref _conflicts);

    public TimeSpan ComputeTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _computeTicks));

    public long DroppedKeys => Interlocked.Read(ref _droppedKeys);

    public void AddRoundTrips(long count) => Interlocked.Add(ref _roundTrips, count);

    public void AddConflicts(long count) => Interlocked.Add(ref _conflicts, count);

    /// <summary>Adds <see cref="Stopwatch"/> ticks spent computing in memory.</summary>
    public void AddComputeTicks(long ticks) => Interlocked.Add(ref _computeTicks, ticks);

    public void AddDroppedKeys(long count) => Interlocked.Add(ref _droppedKeys, count);
}
