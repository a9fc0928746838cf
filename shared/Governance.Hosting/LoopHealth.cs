namespace Governance.Hosting;

/// <summary>
/// What a service's processing loop last did, read by its health checks: when it last polled,
/// whether it runs, and which dependency (if any) it is waiting for.
/// </summary>
public sealed class LoopHealth(TimeProvider time)
{
    private long _lastPollTicks = time.GetUtcNow().UtcTicks;
    private string? _waitingFor;
    private int _running;
    private int _partitions;
    private long _lag;

    /// <summary>When the loop last returned from a poll (or a retry).</summary>
    public DateTimeOffset LastPoll => new(Interlocked.Read(ref _lastPollTicks), TimeSpan.Zero);

    /// <summary>The dependency the loop is retrying (Kafka, Redis, RabbitMQ, rule pack ...), or null.</summary>
    public string? WaitingFor => Volatile.Read(ref _waitingFor);

    /// <summary>True between the loop's start and stop.</summary>
    public bool Running => Volatile.Read(ref _running) == 1;

    /// <summary>Partitions the loop's consumer holds.</summary>
    public int Partitions => Volatile.Read(ref _partitions);

    /// <summary>Records behind the high watermarks of those partitions.</summary>
    public long Lag => Interlocked.Read(ref _lag);

    /// <summary>The partitions held and the lag, after a batch.</summary>
    public void Report(int partitions, long lag)
    {
        Volatile.Write(ref _partitions, partitions);
        Interlocked.Exchange(ref _lag, lag);
    }

    /// <summary>The loop is alive.</summary>
    public void Polled() => Interlocked.Exchange(ref _lastPollTicks, time.GetUtcNow().UtcTicks);

    /// <summary>The loop waits for <paramref name="dependency"/> (null: for nothing any more).</summary>
    public void Waiting(string? dependency)
    {
        Volatile.Write(ref _waitingFor, dependency);
        Polled();
    }

    /// <summary>The loop started or stopped.</summary>
    public void SetRunning(bool running) => Volatile.Write(ref _running, running ? 1 : 0);
}
