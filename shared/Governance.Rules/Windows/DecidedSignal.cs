using Governance.Contracts;

namespace Governance.Rules.Windows;

/// <summary>
/// A firing decided on a creator's outcome: the store attaches the evidence of
/// <paramref name="EvidenceKey"/> as it stood when the event at <paramref name="EventIndex"/> (of the
/// creator's events in the batch) was applied (<see cref="FiringEvidence"/>), builds the message with
/// <paramref name="Build"/>, and writes it as pending together with the cooldown it starts, in the same
/// atomic write as the state.
/// </summary>
public sealed record DecidedSignal(
    string RuleId,
    int EventIndex,
    string EvidenceKey,
    TimeSpan Window,
    DateTimeOffset WindowEnd,
    DateTimeOffset CooldownUntil,
    Func<IReadOnlyList<EvidenceItem>, RiskSignalDetected> Build);
