using Microsoft.Extensions.Logging;

namespace Governance.Signals.Pipeline;

/// <summary>Log messages of the signal worker. None carries an event's text.</summary>
internal static partial class SignalsLog
{
    [LoggerMessage(1, LogLevel.Information, "Signals started: {Topic} (group {GroupId})")]
    public static partial void Started(ILogger logger, string topic, string groupId);

    [LoggerMessage(2, LogLevel.Information, "Waiting for a rule pack (publish one with: governance rules publish)")]
    public static partial void WaitingForPack(ILogger logger);

    [LoggerMessage(3, LogLevel.Warning, "{Dependency} failed; retry {Attempt} in {DelayMs:0} ms, nothing is committed meanwhile")]
    public static partial void Retrying(ILogger logger, Exception? exception, string dependency, int attempt, double delayMs);

    [LoggerMessage(4, LogLevel.Information, "{Dependency} is back after {Attempts} retries; the call took {Seconds:0.0} s")]
    public static partial void Recovered(ILogger logger, string dependency, int attempts, double seconds);

    [LoggerMessage(15, LogLevel.Warning, "{Dependency} has not answered for {Seconds:0} s; waiting, nothing is committed meanwhile")]
    public static partial void Stalled(ILogger logger, string dependency, double seconds);

    [LoggerMessage(5, LogLevel.Debug, "Batch of {Count} events: {Signals} signals (pack {Version}) in {ElapsedMs:0.0} ms")]
    public static partial void BatchDone(ILogger logger, int count, int signals, string version, double elapsedMs);

    [LoggerMessage(6, LogLevel.Warning, "Record {Topic}/{Partition}@{Offset} is not a CreatorEvent ({Problem}); dead-lettered")]
    public static partial void Unreadable(ILogger logger, Exception? exception, string topic, int partition, long offset, string problem);

    [LoggerMessage(14, LogLevel.Warning, "Reading the rule pack from Redis failed; retry {Attempt} in {DelayMs:0} ms (the pack in force, if any, keeps serving)")]
    public static partial void PackReadFailed(ILogger logger, Exception? exception, int attempt, double delayMs);

    // EventId 8 (a rule's errors counted per batch) is retired, not reused: RuleEngine logs rules that
    // throw, with the exception, at most once a minute each (Governance.Rules.Engine.RuleErrorLog).
    [LoggerMessage(9, LogLevel.Information, "Rule pack {Version} in force ({Rules} rules, from {Origin})")]
    public static partial void PackLoaded(ILogger logger, string version, int rules, string origin);

    [LoggerMessage(10, LogLevel.Error, "Rule pack {Version} rejected; {Current} stays in force:\n{Errors}")]
    public static partial void PackRejected(ILogger logger, string version, string current, string errors);

    [LoggerMessage(11, LogLevel.Critical, "Fatal Kafka error: {Reason}; stopping without committing")]
    public static partial void Fatal(ILogger logger, string reason);

    [LoggerMessage(12, LogLevel.Information, "Signals stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(13, LogLevel.Warning, "Event {EventId} ({Source}, occurred {OccurredAt:O}) is older than every window of its source (watermark {Watermark:O}); dead-lettered too_late")]
    public static partial void TooLate(ILogger logger, string eventId, string source, DateTimeOffset occurredAt, DateTimeOffset watermark);
}
