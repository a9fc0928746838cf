using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Governance.Ingestion.Pipeline;

/// <summary>Log messages of the consume loop. None carries an event's text.</summary>
internal static partial class IngestionLog
{
    [LoggerMessage(1, LogLevel.Information, "Ingestion started: {Topics} → {Output} (group {GroupId}, dead letters to {DeadLetter})")]
    public static partial void Started(ILogger logger, string topics, string output, string groupId, string deadLetter);

    [LoggerMessage(5, LogLevel.Debug, "Batch of {Count} committed: {Out} events, {DeadLettered} dead-lettered, in {ElapsedMs:0.0} ms")]
    public static partial void BatchCommitted(ILogger logger, int count, int @out, int deadLettered, double elapsedMs);

    [LoggerMessage(6, LogLevel.Debug, "Record {Topic}/{Partition}@{Offset} dead-lettered: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string topic, int partition, long offset, string reason);

    [LoggerMessage(7, LogLevel.Warning, "A batch was not acknowledged; producing it again in {BackoffMs:0} ms (duplicates keep their eventId)")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, double backoffMs);

    [LoggerMessage(10, LogLevel.Critical, "Fatal Kafka {Client} error: {Reason} ({Code}); stopping without committing")]
    public static partial void Fatal(ILogger logger, string client, string reason, ErrorCode code);

    [LoggerMessage(11, LogLevel.Information, "Ingestion stopped")]
    public static partial void Stopped(ILogger logger);
}
