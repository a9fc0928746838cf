using Governance.Contracts;
using Governance.Validation;

namespace Governance.Ingestion;

/// <summary>
/// Ingestion settings, bound from the <c>Ingestion</c> section:
/// <code>
/// "Ingestion": {
///   "GroupId": "governance-ingestion",
///   "BatchSize": 2000, "BatchMaxWait": "00:00:00.100",
///   "Limits": { "MaxRecordBytes": 262144, "MaxFutureSkew": "00:05:00" }
/// }
/// </code>
/// </summary>
public sealed class IngestionOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Ingestion";

    /// <summary>Consumer group.</summary>
    public string GroupId { get; set; } = "governance-ingestion";

    /// <summary>Input topic of content events.</summary>
    public string ContentTopic { get; set; } = Topics.Content;

    /// <summary>Input topic of transaction events.</summary>
    public string TransactionsTopic { get; set; } = Topics.Transactions;

    /// <summary>Where normalized events go.</summary>
    public string OutputTopic { get; set; } = Topics.Events;

    /// <summary>Where rejected records go.</summary>
    public string DeadLetterTopic { get; set; } = Topics.DeadLetter;

    /// <summary>Most records per batch (one offset commit per batch).</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>Longest wait to fill a batch once its first record arrived.</summary>
    public TimeSpan BatchMaxWait { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>First pause after a batch could not be delivered; doubles up to <see cref="MaxRetryBackoff"/>.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest pause between retries of an undelivered batch.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Validation limits.</summary>
    public ValidationLimits Limits { get; set; } = new();

    /// <summary>Throws naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (BatchSize < 1)
        {
            throw new InvalidOperationException("Ingestion:BatchSize must be at least 1.");
        }

        if (BatchMaxWait < TimeSpan.Zero || RetryBackoff <= TimeSpan.Zero || MaxRetryBackoff < RetryBackoff)
        {
            throw new InvalidOperationException("Ingestion:BatchMaxWait must be >= 0 and 0 < RetryBackoff <= MaxRetryBackoff.");
        }

        if (Limits.MaxRecordBytes < 1 || Limits.MaxFutureSkew < TimeSpan.Zero)
        {
            throw new InvalidOperationException("Ingestion:Limits:MaxRecordBytes must be positive and MaxFutureSkew >= 0.");
        }

        foreach (var (name, value) in new[] { ("GroupId", GroupId), ("ContentTopic", ContentTopic), ("TransactionsTopic", TransactionsTopic), ("OutputTopic", OutputTopic), ("DeadLetterTopic", DeadLetterTopic) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new InvalidOperationException($"Ingestion:{name} must not be empty.");
            }
        }
    }
}
