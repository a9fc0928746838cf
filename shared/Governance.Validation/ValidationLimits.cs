using System.ComponentModel.DataAnnotations;
using Governance.Configuration;

namespace Governance.Validation;

/// <summary>Validation limits (section <c>Ingestion:Limits</c>; also used by backtests).</summary>
// Checked in Validate, not with [Range]: the options validation generator's [Range] drops ErrorMessage
// (dotnet/runtime#123137), and the message must name the configuration key.
public sealed class ValidationLimits : IValidatableObject
{
    private const string Section = "Ingestion:Limits";

    /// <summary>Largest accepted record value; spec: 256 KiB.</summary>
    public int MaxRecordBytes { get; set; } = 256 * 1024;

    /// <summary>How far ahead of the clock <c>occurredAt</c> may be; spec: 5 minutes.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxRecordBytes < 1)
        {
            yield return OptionsProblem.Invalid(Section, nameof(MaxRecordBytes), $"must be at least 1 (is {MaxRecordBytes})");
        }

        if (MaxFutureSkew < TimeSpan.Zero)
        {
            yield return OptionsProblem.Invalid(Section, nameof(MaxFutureSkew), $"must not be negative (is {MaxFutureSkew})");
        }
    }
}
