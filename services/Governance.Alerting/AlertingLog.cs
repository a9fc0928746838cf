namespace Governance.Alerting;

/// <summary>The service's log messages.</summary>
internal static partial class AlertingLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Migrations applied to schema {Schema} ({Scripts} new scripts)")]
    public static partial void Migrated(ILogger logger, string schema, int scripts);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Escalation policy loaded from {Path}: {Tiers} priorities, min {MinDistinctRules} distinct rules")]
    public static partial void PolicyLoaded(ILogger logger, string path, int tiers, int minDistinctRules);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "PostgreSQL is unavailable; signal {SignalId} waits {Delay} and is tried again (not acknowledged)")]
    public static partial void DatabaseUnavailable(ILogger logger, Exception exception, string signalId, TimeSpan delay);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Signal {SignalId} is invalid; it is retried, then goes to the error queue")]
    public static partial void InvalidSignal(ILogger logger, Exception exception, string signalId);

    // Debug: at thousands of alerts per second a line each would cost more than the alert; the
    // governance.alerting.alerts counter counts them, and the alert_history table keeps every revision.
    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Alert {AlertId} revision {Revision} for creator {CreatorId}: {Change}, priority {Priority}, score {Score:0.0}")]
    public static partial void AlertWritten(ILogger logger, Guid alertId, int revision, string creatorId, string change, string priority, double score);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Outbox dispatch failed; retrying in {Delay}")]
    public static partial void DispatchFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Outbox dispatcher started (queue {Queue})")]
    public static partial void DispatcherStarted(ILogger logger, string queue);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Decision {Decision} on alert {AlertId} by {ModeratorId} recorded")]
    public static partial void DecisionRecorded(ILogger logger, string decision, string alertId, string moderatorId);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Decision on unknown alert {AlertId} recorded in the audit table only")]
    public static partial void DecisionForUnknownAlert(ILogger logger, string alertId);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Outbox sent {Count} messages, {Superseded} superseded revisions not sent (select {SelectMs:0.0} ms, confirmed sends {SendMs:0.0} ms, mark sent and commit {MarkMs:0.0} ms)")]
    public static partial void Sent(ILogger logger, int count, int superseded, double selectMs, double sendMs, double markMs);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Reading rule precision failed")]
    public static partial void PrecisionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "A batch of {Count} signals failed; applying them one at a time")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count);

    // Debug: where a batch's time goes (docs/benchmarks.md reads these to find the bottleneck).
    [LoggerMessage(EventId = 13, Level = LogLevel.Debug, Message = "Batch of {Count} signals ({Held} held signals read, {Revisions} revisions): read and lock {ReadMs:0.0} ms, apply {ApplyMs:0.0} ms, write {WriteMs:0.0} ms, commit {CommitMs:0.0} ms")]
    public static partial void BatchWritten(ILogger logger, int count, int held, int revisions, double readMs, double applyMs, double writeMs, double commitMs);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "Reading the depth of queue {Queue} failed; governance.alerting.consumer.lag keeps its last value until it is read again")]
    public static partial void QueueDepthFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "The depth of queue {Queue} is read again: {Depth} signals waiting")]
    public static partial void QueueDepthBack(ILogger logger, string queue, uint depth);

    [LoggerMessage(EventId = 16, Level = LogLevel.Information, Message = "Retention pruned {Outbox} sent outbox rows, {Signals} signals, {History} history rows ({Alerts} closed alerts now without signals or history), {Inbox} inbox rows")]
    public static partial void Pruned(ILogger logger, long outbox, long signals, long history, long alerts, long inbox);

    [LoggerMessage(EventId = 17, Level = LogLevel.Warning, Message = "Retention pruning failed; the next round in {Interval} goes on where it stopped")]
    public static partial void PruneFailed(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(EventId = 18, Level = LogLevel.Error, Message = "Alert {AlertId} revision {Revision} is sent without {Missing} of its signals: they are no longer stored")]
    public static partial void SignalsMissing(ILogger logger, Guid alertId, int revision, int missing);
}
