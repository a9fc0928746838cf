using System.ComponentModel.DataAnnotations;
using Governance.Configuration;

namespace Governance.Alerting;

/// <summary>
/// Batching of <c>RiskSignalDetected</c> (section <c>Alerting:Batch</c>): the batch writer puts every signal
/// waiting, up to <see cref="MessageLimit"/>, into one PostgreSQL transaction. Under load what arrives
/// during one commit is the next batch; when fewer than the limit wait, it lingers <see cref="TimeLimit"/>
/// for more. One batch at a time, so a creator's signals are applied in delivery order.
/// </summary>
// Checked in Validate, not with [Range]: the options validation generator's [Range] drops ErrorMessage
// (dotnet/runtime#123137), and the message must name the configuration key.
public sealed class SignalBatchOptions : IValidatableObject
{
    private const string Section = "Alerting:Batch";

    /// <summary>Most signals in one batch (one transaction).</summary>
    public int MessageLimit { get; set; } = 200;

    /// <summary>Wait for more signals when fewer than <see cref="MessageLimit"/> wait (the latency added at low rates; 0: none).</summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MessageLimit < 1)
        {
            yield return OptionsProblem.Invalid(Section, nameof(MessageLimit), $"must be at least 1 (is {MessageLimit})");
        }

        if (TimeLimit < TimeSpan.Zero)
        {
            yield return OptionsProblem.Invalid(Section, nameof(TimeLimit), $"must not be negative (is {TimeLimit})");
        }
    }
}
