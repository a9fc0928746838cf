using Governance.Contracts;
using Governance.Rules.Model;

namespace Governance.Alerting.Scoring;

/// <summary>What a signal must carry to be scored; anything else is a poison message.</summary>
internal static class SignalValidation
{
    public static (Severity Severity, bool Shadow) Check(RiskSignalDetected signal)
    {
        if (string.IsNullOrWhiteSpace(signal.SignalId) || string.IsNullOrWhiteSpace(signal.CreatorId) || string.IsNullOrWhiteSpace(signal.RuleId))
        {
            throw new InvalidSignalException("signalId, creatorId and ruleId are required");
        }

        if (!Enum.TryParse<Severity>(signal.Severity, ignoreCase: true, out var severity) || int.TryParse(signal.Severity, out _))
        {
            throw new InvalidSignalException($"severity '{signal.Severity}' is not one of low | medium | high | critical");
        }

        var shadow = signal.Mode switch
        {
            "shadow" => true,
            "enforce" => false,
            _ => throw new InvalidSignalException($"mode '{signal.Mode}' is not one of enforce | shadow"),
        };
        if (signal.WindowEnd == default || !double.IsFinite(signal.Value))
        {
            throw new InvalidSignalException("windowEnd and a finite value are required");
        }

        return (severity, shadow);
    }
}
