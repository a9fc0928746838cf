using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Governance.Ingestion.Pipeline;

/// <summary>Log messages of the consume loop. None carries an event's text.</summary>
internal static partial class IngestionLog
{
    [LoggerMessage(1, LogLevel.Information, "Ingestion started: {Topics} → {Output} (group {GroupId}, dead letters to {DeadLetter})")]
    public static partial void Started(ILogger logger, string topics, string output, string groupId, string deadLetter);

    [LoggerMessage(2, LogLevel.Information, "Partitions assigned: {Partitions}")]
    public static partial void Assigned(ILogger logger, string partitions);

    [LoggerMessage(3, LogLevel.Information, "Partitions revoked: {Partitions}; committing the batch in hand")]
    public static partial void Revoked(ILogger logger, string partitions);

    [LoggerMessage(4, LogLevel.Warning, "Partitions lost: {Partitions}; the batch in hand is left to their new owner")]
    public static partial void Lost(ILogger logger, string partitions);

    [LoggerMessage(5, LogLevel.Debug, "Batch of {Count} committed: {Out} events, {DeadLettered} dead-lettered, in {ElapsedMs:0.0} ms")]
    public static partial void BatchCommitted(ILogger logger, int count, int @out, int deadLettered, double elapsedMs);

    [LoggerMessage(6, LogLevel.Debug, "Record {Topic}/{Partition}@{Offset} dead-lettered: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string topic, int partition, long offset, string reason);

    [LoggerMessage(7, LogLevel.Warning, "Batch of {Count} not acknowledged ({Error}); rewinding and retrying in {BackoffMs} ms")]
    public static partial void DeliveryFailed(ILogger logger, int count, string error, double backoffMs);

    [LoggerMessage(8, LogLevel.Warning, "Offset commit failed ({Error}); the batch will be read again (duplicates keep their eventId)")]
    public static partial void CommitFailed(ILogger logger, string error);

    [LoggerMessage(9, LogLevel.Warning, "Kafka {Client}: {Reason} ({Code})")]
    public static partial void ClientError(ILogger logger, string client, string reason, ErrorCode code);

    [LoggerMessage(10, LogLevel.Critical, "Fatal Kafka {Client} error: {Reason} ({Code}); stopping without committing")]
    public static partial void Fatal(ILogger logger, string client, string reason, ErrorCode code);

    [LoggerMessage(11, LogLevel.Information, "Ingestion stopped")]
    public static partial void Stopped(ILogger logger);
}
