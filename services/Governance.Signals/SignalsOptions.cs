using System.ComponentModel.DataAnnotations;
using Governance.Configuration;
using Governance.Contracts;
using Governance.Rules.Windows;
using Microsoft.Extensions.Options;

namespace Governance.Signals;

/// <summary>
/// Signal worker settings (section <c>Signals</c>), checked at start by <see cref="SignalsOptionsValidator"/>:
/// <code>
/// "Signals": { "GroupId": "governance-signals", "BatchSize": 5000, "BatchMaxWait": "00:00:00.020",
///              "Windows": { "DedupHorizon": "01:00:00" } }
/// </code>
/// </summary>
// Numbers and durations are checked in Validate, not with [Range]: the generator's replacement of
// [Range] drops ErrorMessage (dotnet/runtime#123137), and the message must name the configuration key.
public sealed class SignalsOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Signals";

    /// <summary>Consumer group (scale = partitions).</summary>
    [Required(ErrorMessage = "Signals:GroupId must not be empty.")]
    public string GroupId { get; set; } = "governance-signals";

    /// <summary>Normalized events topic.</summary>
    [Required(ErrorMessage = "Signals:InputTopic must not be empty.")]
    public string InputTopic { get; set; } = Topics.Events;

    /// <summary>Where unreadable records of the input topic go.</summary>
    [Required(ErrorMessage = "Signals:DeadLetterTopic must not be empty.")]
    public string DeadLetterTopic { get; set; } = Topics.DeadLetter;

    /// <summary>Most events per batch (one Redis write round trip, one offset commit).</summary>
    // 5,000: a busy creator's events of one batch share one write (its buckets coalesce), so Redis
    // works ~17 % less per event than with 1,000; latency is unaffected (BatchMaxWait closes batches
    // long before they fill at moderate rates). docs/benchmarks.md.
    public int BatchSize { get; set; } = 5000;

    /// <summary>Longest wait to fill a batch once its first record arrived.</summary>
    // 20 ms: at a steady 5,000 events/s a 200 ms wait alone took most of the 250 ms latency budget
    // (docs/benchmarks.md); under load batches fill to BatchSize before the wait ends anyway.
    public TimeSpan BatchMaxWait { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>First pause when Redis or RabbitMQ fails; doubles up to <see cref="MaxRetryBackoff"/>.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest a Redis or RabbitMQ call may take before it counts as failed and is retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A Redis or RabbitMQ call still waiting after this long is reported (warning, readiness "waiting
    /// for"), before it fails: an outage the client waits out is still an outage. At or above
    /// <see cref="AttemptTimeout"/> it never fires (the call fails first, which is reported anyway).
    /// </summary>
    public TimeSpan StallReport { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Longest pause between retries.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often workers also poll Redis for a new pack (besides the change notification).</summary>
    public TimeSpan PackRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rule folder used when Redis holds no published pack yet (local development).</summary>
    public string? RulesPath { get; set; } = "rules";

    /// <summary>Window behaviour.</summary>
    [ValidateObjectMembers]
    public WindowStoreOptions Windows { get; set; } = new();

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

        if (StallReport <= TimeSpan.Zero)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(StallReport), $"must be longer than 0 (is {StallReport})");
        }

        if (AttemptTimeout <= TimeSpan.Zero)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(AttemptTimeout), $"must be longer than 0 (is {AttemptTimeout})");
        }

        if (RetryBackoff <= TimeSpan.Zero)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(RetryBackoff), $"must be longer than 0 (is {RetryBackoff})");
        }

        if (MaxRetryBackoff < RetryBackoff)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(MaxRetryBackoff), $"must be at least Signals:RetryBackoff ({RetryBackoff}; is {MaxRetryBackoff})");
        }

        if (PackRefreshInterval <= TimeSpan.Zero)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(PackRefreshInterval), $"must be longer than 0 (is {PackRefreshInterval})");
        }
    }
}
