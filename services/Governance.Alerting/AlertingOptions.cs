using System.ComponentModel.DataAnnotations;
using Governance.Configuration;
using Microsoft.Extensions.Options;

namespace Governance.Alerting;

/// <summary>
/// Alerting settings (section <c>Alerting</c>), checked at start by <see cref="AlertingOptionsValidator"/>:
/// <code>
/// "Alerting": { "InputQueue": "governance.risk-signals", "AlertsQueue": "moderation.creator-alerts",
///               "DecisionsQueue": "moderation.decisions", "PrefetchCount": 600, "ConcurrentMessageLimit": 400,
///               "Batch": { "MessageLimit": 200, "TimeLimit": "00:00:00.002" },
///               "HalfLife": "12:00:00", "PolicyPath": "rules/policy/escalation.yaml", "QueueDepthInterval": "00:00:05" }
/// </code>
/// </summary>
// Numbers and durations are checked in Validate, not with [Range]: the generator's replacement of
// [Range] drops ErrorMessage (dotnet/runtime#123137), and the message must name the configuration key.
public sealed class AlertingOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Alerting";

    /// <summary>The durable quorum queue the signal worker fills (the hand-off contract).</summary>
    [Required(ErrorMessage = "Alerting:InputQueue must not be empty.")]
    public string InputQueue { get; set; } = "governance.risk-signals";

    /// <summary>Where CreatorFlagged goes (durable, with message priorities).</summary>
    [Required(ErrorMessage = "Alerting:AlertsQueue must not be empty.")]
    public string AlertsQueue { get; set; } = "moderation.creator-alerts";

    /// <summary>Where moderation tools put ModerationDecision.</summary>
    [Required(ErrorMessage = "Alerting:DecisionsQueue must not be empty.")]
    public string DecisionsQueue { get; set; } = "moderation.decisions";

    /// <summary>
    /// Bind the queues to the message types' exchanges (RiskSignalDetected, ModerationDecision) so published
    /// messages reach them. Tests that send to their own queues turn it off.
    /// </summary>
    public bool BindMessageExchanges { get; set; } = true;

    /// <summary>Unacknowledged deliveries the broker hands over at once (room for the batch in PostgreSQL and the next one).</summary>
    public int PrefetchCount { get; set; } = 600;

    /// <summary>
    /// Signals in flight in the process: the batch being written and the next one being collected meanwhile
    /// (at least <see cref="SignalBatchOptions.MessageLimit"/>; two batches' worth lets collection overlap the write).
    /// </summary>
    public int ConcurrentMessageLimit { get; set; } = 400;

    /// <summary>How signals are grouped into one PostgreSQL transaction.</summary>
    [ValidateObjectMembers]
    public SignalBatchOptions Batch { get; set; } = new();

    /// <summary>Score half-life in event time.</summary>
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The escalation policy file (relative to the working directory or absolute).</summary>
    [Required(ErrorMessage = "Alerting:PolicyPath must not be empty.")]
    public string PolicyPath { get; set; } = "rules/policy/escalation.yaml";

    /// <summary>Attempts of a signal that fails for a reason other than PostgreSQL being away, before the error queue.</summary>
    public int RetryLimit { get; set; } = 3;

    /// <summary>First pause while PostgreSQL is away; doubles up to <see cref="MaxRetryBackoff"/>. The message waits unacknowledged.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest pause between attempts while PostgreSQL is away.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Signals kept parsed in memory across batches (about 4 kB each: 20,000 is ~80 MB). A busy creator's
    /// alert carries up to 100 signals into every revision; those not held are read from PostgreSQL again.
    /// </summary>
    public int SignalCacheSize { get; set; } = 20_000;

    /// <summary>How often the input queue's depth (the service's consumer lag) is read.</summary>
    public TimeSpan QueueDepthInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The outbox dispatcher.</summary>
    [ValidateObjectMembers]
    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>How long the working tables keep rows.</summary>
    [ValidateObjectMembers]
    public RetentionOptions Retention { get; set; } = new();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Batch:MessageLimit <= ConcurrentMessageLimit <= PrefetchCount: a batch must fit in what is in
        // flight, and what is in flight in what the broker hands over.
        if (ConcurrentMessageLimit < Batch.MessageLimit)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(ConcurrentMessageLimit), $"must be at least Alerting:Batch:MessageLimit ({Batch.MessageLimit}; is {ConcurrentMessageLimit})");
        }

        if (ConcurrentMessageLimit > PrefetchCount)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(PrefetchCount), $"must be at least Alerting:ConcurrentMessageLimit ({ConcurrentMessageLimit}; is {PrefetchCount})");
        }

        if (RetryLimit < 0)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(RetryLimit), $"must not be negative (is {RetryLimit})");
        }

        if (SignalCacheSize < 1)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(SignalCacheSize), $"must be at least 1 (is {SignalCacheSize})");
        }

        if (HalfLife <= TimeSpan.Zero)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(HalfLife), $"must be longer than 0 (is {HalfLife})");
        }

        if (RetryBackoff <= TimeSpan.Zero)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(RetryBackoff), $"must be longer than 0 (is {RetryBackoff})");
        }

        if (QueueDepthInterval <= TimeSpan.Zero)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(QueueDepthInterval), $"must be longer than 0 (is {QueueDepthInterval})");
        }

        if (MaxRetryBackoff < RetryBackoff)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(MaxRetryBackoff), $"must be at least Alerting:RetryBackoff ({RetryBackoff}; is {MaxRetryBackoff})");
        }
    }
}
