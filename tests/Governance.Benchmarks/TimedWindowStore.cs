using System.Diagnostics;
using Governance.Contracts;
using Governance.Rules.Windows;

namespace Governance.Benchmarks;

/// <summary>
/// Passes every call to the real store and adds up the wall time spent waiting for it, so the benchmark
/// can tell the Redis share of a batch from the in-process share (one timestamp pair per call: negligible).
/// </summary>
internal sealed class TimedWindowStore(IWindowStore inner) : IWindowStore
{
    private long _applyTicks;
    private long _otherTicks;

    public IWindowStore Inner => inner;

    /// <summary>Time spent in <see cref="ApplyAsync"/> (the per-batch window updates).</summary>
    public TimeSpan Apply => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _applyTicks));

    /// <summary>Time spent reading evidence, the epoch and writing cooldowns.</summary>
    public TimeSpan Other => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _otherTicks));

    public async Task<IReadOnlyList<CreatorOutcome>> ApplyAsync(IReadOnlyList<CreatorUpdates> batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.ApplyAsync(batch, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _applyTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    public async Task<IReadOnlyList<IReadOnlyList<EvidenceItem>>> GetEvidenceAsync(IReadOnlyList<EvidenceRequest> requests, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.GetEvidenceAsync(requests, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _otherTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    public async Task<DateTimeOffset> EpochAsync(DateTimeOffset candidate, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.EpochAsync(candidate, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _otherTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    public async Task SetCooldownsAsync(IReadOnlyList<Cooldown> cooldowns, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await inner.SetCooldownsAsync(cooldowns, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _otherTicks, Stopwatch.GetTimestamp() - started);
        }
    }
}
