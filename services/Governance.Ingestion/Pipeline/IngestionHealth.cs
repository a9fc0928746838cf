namespace Governance.Ingestion.Pipeline;

/// <summary>What the consume loop last did, read by the health checks.</summary>
public sealed class IngestionHealth(TimeProvider time)
{
    private long _lastPollTicks = time.GetUtcNow().UtcTicks;
    private int _failing;
    private int _running;

    /// <summary>When the loop last returned from a poll.</summary>
    public DateTimeOffset LastPoll => new(Interlocked.Read(ref _lastPollTicks), TimeSpan.Zero);

    /// <summary>True while a batch cannot be delivered and is being retried.</summary>
    public bool Failing => Volatile.Read(ref _failing) == 1;

    /// <summary>True between the loop's start and stop.</summary>
    public bool Running => Volatile.Read(ref _running) == 1;

    internal void Polled() => Interlocked.Exchange(ref _lastPollTicks, time.GetUtcNow().UtcTicks);

    internal void SetFailing(bool failing) => Volatile.Write(ref _failing, failing ? 1 : 0);

    internal void SetRunning(bool running) => Volatile.Write(ref _running, running ? 1 : 0);
}
