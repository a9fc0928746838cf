using System.ComponentModel.DataAnnotations;
using Governance.Configuration;
using Governance.Contracts;
using Governance.Validation;
using Microsoft.Extensions.Options;

namespace Governance.Ingestion;

/// <summary>
/// Ingestion settings, bound from the <c>Ingestion</c> section and checked at start by <see cref="IngestionOptionsValidator"/>:
/// <code>
/// "Ingestion": {
///   "GroupId": "governance-ingestion",
///   "BatchSize": 2000, "BatchMaxWait": "00:00:00.100",
///   "Limits": { "MaxRecordBytes": 262144, "MaxFutureSkew": "00:05:00" }
/// }
/// </code>
/// </summary>
// Numbers and durations are checked in Validate, not with [Range]: the generator's replacement of
// [Range] drops ErrorMessage (dotnet/runtime#123137), and the message must name the configuration key.
public sealed class IngestionOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Ingestion";

    /// <summary>Consumer group.</summary>
    [Required(ErrorMessage = "Ingestion:GroupId must not be empty.")]
    public string GroupId { get; set; } = "governance-ingestion";

    /// <summary>Input topic of content events.</summary>
    [Required(ErrorMessage = "Ingestion:ContentTopic must not be empty.")]
    public string ContentTopic { get; set; } = Topics.Content;

    /// <summary>Input topic of transaction events.</summary>
    [Required(ErrorMessage = "Ingestion:TransactionsTopic must not be empty.")]
    public string TransactionsTopic { get; set; } = Topics.Transactions;

    /// <summary>Where normalized events go.</summary>
    [Required(ErrorMessage = "Ingestion:OutputTopic must not be empty.")]
    public string OutputTopic { get; set; } = Topics.Events;

    /// <summary>Where rejected records go.</summary>
    [Required(ErrorMessage = "Ingestion:DeadLetterTopic must not be empty.")]
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
    [ValidateObjectMembers]
    public ValidationLimits Limits { get; set; } = new();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BatchSize < 1)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(BatchSize), $"must be at least 1 (is {BatchSize})");
        }

        if (BatchMaxWait < TimeSpan.Zero)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(BatchMaxWait), $"must not be negative (is {BatchMaxWait})");
        }

        if (RetryBackoff <= TimeSpan.Zero)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(RetryBackoff), $"must be longer than 0 (is {RetryBackoff})");
        }

        if (MaxRetryBackoff < RetryBackoff)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(MaxRetryBackoff), $"must be at least Ingestion:RetryBackoff ({RetryBackoff}; is {MaxRetryBackoff})");
        }
    }
}
