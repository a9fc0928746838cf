using Governance.Rules.Model;
using Governance.Scoring;
using Microsoft.Extensions.Options;

namespace Governance.Alerting;

/// <summary>
/// <c>Alerting:Retention:UnattachedSignals</c> against the escalation policy's look-back, which only the policy
/// file knows: within it, a signal that joined no alert still counts towards a new one and must not be pruned.
/// The file is read here, not taken from the <see cref="EscalationPolicy"/> singleton, which is built from these
/// very options (a cycle); a file that cannot be read is left for that singleton to report.
/// </summary>
internal sealed class RetentionLookbackValidator : IValidateOptions<AlertingOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Retention.Enabled || !File.Exists(options.PolicyPath) || EscalationPolicyParser.Parse(options.PolicyPath, File.ReadAllText(options.PolicyPath), new List<RuleError>()) is not { } policy)
        {
            return ValidateOptionsResult.Skip;
        }

        var keep = options.Retention.UnattachedSignals;
        return keep < policy.Lookback
            ? ValidateOptionsResult.Fail($"Alerting:Retention:UnattachedSignals ({keep}) must be at least the escalation policy's lookback ({policy.Lookback}): within it, a signal that joined no alert still counts towards a new one.")
            : ValidateOptionsResult.Success;
    }
}
