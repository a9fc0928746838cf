using System.Diagnostics;

namespace Governance.Benchmarks;

/// <summary>
/// When the steady run was disturbed by something other than its load: Redis forking for persistence
/// (an AOF rewrite or a snapshot: the child takes most of a core for seconds and its writes slow the
/// parent's <c>appendfsync always</c>), or a GC pause of this process (the worker, feeder and mock
/// cluster share it). Polled every 100 ms; a signal whose way from producer to RabbitMQ overlaps such a
/// stall, or the <see cref="Settle"/> after it (the backlog draining), counts as disturbed.
/// </summary>
internal sealed class StallWatch(RedisStats redis)
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly List<(long From, long To)> _forks = [];
    private readonly List<(long From, long To)> _pauses = [];

    /// <summary>Redis forks seen (start, end in Stopwatch ticks).</summary>
    public IReadOnlyList<(long From, long To)> Forks => _forks;

    /// <summary>Polls between which this process's GC paused it.</summary>
    public IReadOnlyList<(long From, long To)> Pauses => _pauses;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        long? forkFrom = null;
        var pause = GC.GetTotalPauseDuration();
        var previous = Stopwatch.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Poll, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var now = Stopwatch.GetTimestamp();
            var paused = GC.GetTotalPauseDuration();
            if (paused > pause)
            {
                _pauses.Add((previous, now));
                pause = paused;
            }

            var forking = await redis.ForkingAsync();
            if (forking && forkFrom is null)
            {
                forkFrom = previous;
            }
            else if (!forking && forkFrom is { } from)
            {
                _forks.Add((from, now));
                forkFrom = null;
            }

            previous = now;
        }

        if (forkFrom is { } open)
        {
            _forks.Add((open, Stopwatch.GetTimestamp()));
        }
    }

    /// <summary>What disturbed a signal on its way from <paramref name="from"/> to <paramref name="to"/>: "fork", "gc" or null.</summary>
    public string? Disturbance(long from, long to)
    {
        var settle = (long)(Settle.TotalSeconds * Stopwatch.Frequency);
        bool Overlaps((long From, long To) stall) => from <= stall.To + settle && to >= stall.From;
        return _forks.Any(Overlaps) ? "fork" : _pauses.Any(Overlaps) ? "gc" : null;
    }
}
