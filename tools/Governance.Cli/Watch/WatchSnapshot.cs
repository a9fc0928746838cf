using Governance.Contracts;

namespace Governance.Cli.Watch;

/// <summary>What the watcher has counted so far, frozen for one refresh of the display.</summary>
internal sealed record WatchSnapshot
{
    public TimeSpan Elapsed { get; init; }

    /// <summary>Records on the input topics since the watch began.</summary>
    public long Input { get; init; }

    /// <summary>Input records per second over the last refresh.</summary>
    public double InputRate { get; init; }

    /// <summary>Records on governance.events.v1.</summary>
    public long Normalized { get; init; }

    /// <summary>Dead letters of input records (ingestion), by dlq.reason.</summary>
    public IReadOnlyList<(string Reason, long Count)> DeadLettered { get; init; } = [];

    /// <summary>Dead letters of other topics (the signal worker's too_late), by dlq.reason.</summary>
    public IReadOnlyList<(string Reason, long Count)> DeadLetteredLater { get; init; } = [];

    /// <summary>Distinct signals (by signalId) per rule, most first.</summary>
    public IReadOnlyList<(string Rule, string Mode, long Count)> SignalsByRule { get; init; } = [];

    /// <summary>Distinct alerts per current priority, highest priority first.</summary>
    public IReadOnlyList<(string Priority, long Count)> AlertsByPriority { get; init; } = [];

    /// <summary>Alert revisions received (each CreatorFlagged message).</summary>
    public long Revisions { get; init; }

    /// <summary>The newest alerts first.</summary>
    public IReadOnlyList<AlertView> Latest { get; init; } = [];

    public Lags Lags { get; init; } = Lags.Unknown;

    /// <summary>Why a source is not being read (RabbitMQ down …); null when all are.</summary>
    public string? Problem { get; init; }

    /// <summary>The watch is over and waits for what is in flight before the summary.</summary>
    public bool Settling { get; init; }

    public long DeadLetteredTotal => DeadLettered.Sum(d => d.Count);

    public long Signals => SignalsByRule.Sum(s => s.Count);

    public long Alerts => AlertsByPriority.Sum(a => a.Count);
}

/// <summary>One received alert revision, as the display shows it.</summary>
internal sealed record AlertView(string AlertId, int Revision, string CreatorId, string Priority, byte MessagePriority, double Score, LocalizedReasons Reasons, DateTimeOffset ReceivedAt)
{
    /// <summary>The alert's first reason line that names a rule (the first line is the score summary), in <paramref name="language"/>.</summary>
    public string Reason(string language)
    {
        var lines = language == "es" ? Reasons.Es : Reasons.En;
        return lines.Count switch
        {
            0 => "",
            1 => lines[0],
            _ => lines[1],
        };
    }
}

/// <summary>Consumer lag per service: records behind on Kafka, messages waiting in RabbitMQ.</summary>
/// <param name="Ingestion">Input records not yet committed by the ingestion group; null when unknown.</param>
/// <param name="Signals">Normalized events not yet committed by the signal workers' group.</param>
/// <param name="Alerting">Signals in the alerting service's queue (ready and unacknowledged).</param>
internal sealed record Lags(long? Ingestion, long? Signals, long? Alerting)
{
    public static Lags Unknown { get; } = new(null, null, null);

    public bool Drained => (Ingestion is null or 0) && (Signals is null or 0) && (Alerting is null or 0);
}
