namespace Governance.Signals.Pipeline;

/// <summary>What the worker last did, read by the health checks.</summary>
public sealed class SignalsHealth(TimeProvider time)
{
    private long _lastPollTicks = time.GetUtcNow().UtcTicks;
    private string? _waitingFor;
    private int _running;

    /// <summary>When the loop last returned from a poll (or a retry).</summary>
    public DateTimeOffset LastPoll => new(Interlocked.Read(ref _lastPollTicks), TimeSpan.Zero);

    /// <summary>The dependency the worker is retrying (Redis, RabbitMQ, rule pack), or null.</summary>
    public string? WaitingFor => Volatile.Read(ref _waitingFor);

    /// <summary>True between the loop's start and stop.</summary>
    public bool Running => Volatile.Read(ref _running) == 1;

    internal void Polled() => Interlocked.Exchange(ref _lastPollTicks, time.GetUtcNow().UtcTicks);

    internal void Waiting(string? dependency)
    {
        Volatile.Write(ref _waitingFor, dependency);
        Polled();
    }

    internal void SetRunning(bool running) => Volatile.Write(ref _running, running ? 1 : 0);
}
