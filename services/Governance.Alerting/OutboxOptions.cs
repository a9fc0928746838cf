namespace Governance.Alerting;

/// <summary>Outbox dispatcher settings (section <c>Alerting:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>Most messages read and sent per round.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How often the dispatcher looks for pending messages when no commit woke it (e.g. after a restart).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Wait after a wake-up before reading the outbox, so that one round (one select, one update, one
    /// commit) sends what several commits wrote instead of one round per alert. The crash test sets it
    /// long to open a window in which the process is killed after the commit and before the publish.
    /// </summary>
    public TimeSpan DispatchDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Throws naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (BatchSize < 1 || PollInterval <= TimeSpan.Zero || DispatchDelay < TimeSpan.Zero)
        {
            throw new InvalidOperationException("Alerting:Outbox: BatchSize >= 1, PollInterval > 0 and DispatchDelay >= 0 are required.");
        }
    }
}
