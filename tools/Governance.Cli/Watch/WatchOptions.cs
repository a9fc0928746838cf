using Governance.Contracts;
using Governance.Kafka;

namespace Governance.Cli.Watch;

/// <summary>What <c>governance watch</c> reads and how long it runs.</summary>
internal sealed record WatchOptions
{
    /// <summary>Kafka as the services reach it (bootstrap servers, <c>Kafka__Client__*</c> security settings …).</summary>
    public required KafkaSettings Kafka { get; init; }

    /// <summary>Kafka bootstrap servers.</summary>
    public string Bootstrap => Kafka.ResolveBootstrapServers() ?? "";

    /// <summary>Ground truth of the simulated stream (<c>governance simulate --truth</c>); none: no scoring.</summary>
    public string? TruthPath { get; init; }

    /// <summary>How long to wait for the truth file to appear (the simulator writes it first).</summary>
    public TimeSpan TruthWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Creators scored against the truth: ids starting with this (default: the truth's common id prefix).</summary>
    public string? Scope { get; init; }

    /// <summary>A rule pack folder: its shadow rules' patterns leave the recall, as in <c>rules backtest --labels</c>.</summary>
    public string? RulesPath { get; init; }

    /// <summary>Stop after this long; null: until Ctrl-C (or <see cref="UntilExitPid"/>).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Stop once this process has exited (e.g. the feed).</summary>
    public int? UntilExitPid { get; init; }

    /// <summary>After stopping, wait at most this long for the pipeline to drain before the summary.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Written (empty) once every tap is in place: what is produced after it is counted.</summary>
    public string? ReadyFile { get; init; }

    /// <summary>Language of the alerts' reasons: en or es.</summary>
    public string Language { get; init; } = "en";

    /// <summary>One plain status line every <see cref="PlainInterval"/> instead of a live display (always when stdout is redirected).</summary>
    public bool Plain { get; init; }

    public TimeSpan PlainInterval { get; init; } = TimeSpan.FromSeconds(5);

    public WatchTopics Topics { get; init; } = new();

    /// <summary>Consumer groups whose lag is shown (Ingestion:GroupId, Signals:GroupId).</summary>
    public string IngestionGroup { get; init; } = "governance-ingestion";

    public string SignalsGroup { get; init; } = "governance-signals";

    public RabbitEndpoint Rabbit { get; init; } = new();

    /// <summary>PostgreSQL of the alerting service (read-only role) for the reconciliation; null: not checked.</summary>
    public string? Database { get; init; }

    public string Schema { get; init; } = "alerting";
}

/// <summary>The four topics of the pipeline.</summary>
internal sealed record WatchTopics
{
    public string Content { get; init; } = Topics.Content;

    public string Transactions { get; init; } = Topics.Transactions;

    public string Events { get; init; } = Topics.Events;

    public string DeadLetter { get; init; } = Topics.DeadLetter;

    public bool IsInput(string topic) => topic == Content || topic == Transactions;
}

/// <summary>The RabbitMQ the signal worker and the alerting service use, as the watcher reaches it.</summary>
internal sealed record RabbitEndpoint
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 5672;

    public string VirtualHost { get; init; } = "/";

    public string User { get; init; } = "guest";

    public string Password { get; init; } = "guest";

    /// <summary>Management API (queue depth with unacknowledged messages); null: passive declare only.</summary>
    public Uri? Management { get; init; } = new("http://127.0.0.1:15672/");

    /// <summary>MassTransit's exchange of RiskSignalDetected.</summary>
    public string SignalExchange { get; init; } = "Governance.Contracts:RiskSignalDetected";

    /// <summary>The alerting service's input queue: its depth is the alerting lag.</summary>
    public string SignalQueue { get; init; } = "governance.risk-signals";

    /// <summary>The exchange the alerting service sends CreatorFlagged to (bound to moderation.creator-alerts).</summary>
    public string AlertsExchange { get; init; } = "moderation.creator-alerts";
}
