using System.ComponentModel.DataAnnotations;
using Governance.Configuration;

namespace Governance.Alerting;

/// <summary>Outbox dispatcher settings (section <c>Alerting:Outbox</c>).</summary>
// Checked in Validate, not with [Range]: the options validation generator's [Range] drops ErrorMessage
// (dotnet/runtime#123137), and the message must name the configuration key.
public sealed class OutboxOptions : IValidatableObject
{
    private const string Section = "Alerting:Outbox";

    /// <summary>Most messages read and sent per round.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How often the dispatcher looks for pending messages when no commit woke it (e.g. after a restart).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Wait after a wake-up before reading the outbox, so that one round (one select, one update, one
    /// commit) sends what several commits wrote instead of one round per alert. The crash test sets it
    /// long to open a window in which the process is killed after the commit and before the publish.
    /// </summary>
    public TimeSpan DispatchDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BatchSize < 1)
        {
            yield return OptionsProblem.Invalid(Section, nameof(BatchSize), $"must be at least 1 (is {BatchSize})");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            yield return OptionsProblem.Invalid(Section, nameof(PollInterval), $"must be longer than 0 (is {PollInterval})");
        }

        if (DispatchDelay < TimeSpan.Zero)
        {
            yield return OptionsProblem.Invalid(Section, nameof(DispatchDelay), $"must not be negative (is {DispatchDelay})");
        }
    }
}
