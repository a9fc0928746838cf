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

    /// <summary>Time spent reading the epoch and confirming published signals.</summary>
    public TimeSpan Other => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _otherTicks));

    public async Task<BatchOutcome> ApplyAsync(IReadOnlyList<CreatorUpdates> batch, IWindowDecisions decisions, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.ApplyAsync(batch, decisions, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _applyTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    public async Task ConfirmAsync(IReadOnlyList<RiskSignalDetected> published, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await inner.ConfirmAsync(published, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _otherTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    public async Task<IReadOnlyList<DateTimeOffset>> StateEpochsAsync(IReadOnlyList<string> stateKeys, DateTimeOffset deploymentEpoch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.StateEpochsAsync(stateKeys, deploymentEpoch, now, cancellationToken);
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
}
