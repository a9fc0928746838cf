using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Governance.Kafka.Consuming;

/// <summary>Log messages of the consume loop and its Kafka clients.</summary>
internal static partial class KafkaLog
{
    [LoggerMessage(100, LogLevel.Information, "Assigned {Count} partitions: {Partitions}")]
    public static partial void Assigned(ILogger logger, int count, string partitions);

    [LoggerMessage(101, LogLevel.Information, "Giving up {Count} partitions (lost: {Lost}): {Partitions}")]
    public static partial void Revoked(ILogger logger, int count, bool lost, string partitions);

    [LoggerMessage(102, LogLevel.Warning, "The batch in flight ({Count} records) was given up (partitions lost: {Lost}, or not done within the revoke budget); its records are read again")]
    public static partial void GaveUpBatch(ILogger logger, int count, bool lost);

    [LoggerMessage(103, LogLevel.Warning, "A batch is taking long (a dependency is down?): {Count} partitions paused, polling continues so the consumer stays in its group")]
    public static partial void Paused(ILogger logger, int count);

    [LoggerMessage(104, LogLevel.Information, "Partitions resumed")]
    public static partial void Resumed(ILogger logger);

    [LoggerMessage(105, LogLevel.Warning, "A cancelled batch did not stop within {Seconds} s; going on without it")]
    public static partial void SlowCancel(ILogger logger, double seconds);

    [LoggerMessage(106, LogLevel.Error, "A given-up batch failed")]
    public static partial void BatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(107, LogLevel.Warning, "Offset commit failed; retried while the partitions stay this consumer's (else their next owner reads the records again)")]
    public static partial void CommitFailed(ILogger logger, Exception exception);

    [LoggerMessage(108, LogLevel.Critical, "Fatal Kafka error {Code}: {Reason}; stopping without committing")]
    public static partial void Fatal(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(109, LogLevel.Warning, "Kafka {Client} error {Code}: {Reason} (the client recovers by itself; {Suppressed} more of this code since the last line were not logged)")]
    public static partial void ClientError(ILogger logger, string client, ErrorCode code, string reason, int suppressed);

    [LoggerMessage(110, LogLevel.Error, "Offset reset by {Client}: the committed position is no longer on the broker, records were skipped or are read again: {Message}")]
    public static partial void OffsetReset(ILogger logger, string client, string message);

    [LoggerMessage(EventId = 111, Message = "librdkafka {Client} [{Facility}] {Message}")]
    public static partial void Client(ILogger logger, LogLevel level, string client, string facility, string message);

    [LoggerMessage(112, LogLevel.Debug, "librdkafka statistics could not be read")]
    public static partial void StatisticsUnreadable(ILogger logger, Exception exception);
}
