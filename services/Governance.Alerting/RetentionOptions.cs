using System.ComponentModel.DataAnnotations;
using Governance.Configuration;

namespace Governance.Alerting;

/// <summary>
/// How long the working tables keep rows (section <c>Alerting:Retention</c>); the pruner
/// (<c>Storage/RetentionPruner.cs</c>) deletes older ones in small batches. <c>decisions</c> (the audit of
/// moderators' decisions) is never pruned, nor are the rows of <c>alerts</c> and <c>creators</c>.
/// <code>
/// "Retention": { "Interval": "01:00:00", "BatchSize": 5000, "SentOutbox": "7.00:00:00", "Inbox": "30.00:00:00",
///                "UnattachedSignals": "30.00:00:00", "ClosedAlerts": "90.00:00:00" }
/// </code>
/// </summary>
// Checked in Validate, not with [Range]: the options validation generator's [Range] drops ErrorMessage
// (dotnet/runtime#123137), and the message must name the configuration key.
public sealed class RetentionOptions : IValidatableObject
{
    private const string Section = "Alerting:Retention";

    /// <summary>Prune at all (off where a database job does it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a pruning round runs (the first at start).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most rows one DELETE removes: each is its own short transaction, so a prune never holds many row locks for long.</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>Outbox rows are deleted this long after they were sent (unsent rows never are).</summary>
    public TimeSpan SentOutbox { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Inbox rows (the dedup of redelivered signals) are deleted this long after they were received, and
    /// only once their signal's row is gone: a signal redelivered later is taken as new. Keep it well
    /// beyond any redelivery horizon (the longest outage of this service plus its queue's backlog).
    /// </summary>
    public TimeSpan Inbox { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Signals that never joined an alert (shadow ones, enforce ones that did not escalate) are deleted this
    /// long after they were received: at least the escalation policy's look-back, within which they count.
    /// </summary>
    public TimeSpan UnattachedSignals { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The signals and history of an alert decided or expired this long ago are deleted (the alert's row and
    /// its decisions stay): at least the 30 days over which the per-rule precision gauge reads them.
    /// </summary>
    public TimeSpan ClosedAlerts { get; set; } = TimeSpan.FromDays(90);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Interval <= TimeSpan.Zero)
        {
            yield return OptionsProblem.Invalid(Section, nameof(Interval), $"must be longer than 0 (is {Interval})");
        }

        if (BatchSize < 1)
        {
            yield return OptionsProblem.Invalid(Section, nameof(BatchSize), $"must be at least 1 (is {BatchSize})");
        }

        foreach (var (name, value) in new[] { (nameof(SentOutbox), SentOutbox), (nameof(Inbox), Inbox), (nameof(UnattachedSignals), UnattachedSignals) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return OptionsProblem.Invalid(Section, name, $"must be longer than 0 (is {value})");
            }
        }

        if (ClosedAlerts < Decisions.RulePrecisionReporter.Period)
        {
            yield return OptionsProblem.Invalid(Section, nameof(ClosedAlerts), $"must be at least {Decisions.RulePrecisionReporter.Period.TotalDays:0} days, the period of per-rule precision, which reads decided alerts' signals (is {ClosedAlerts})");
        }
    }
}
