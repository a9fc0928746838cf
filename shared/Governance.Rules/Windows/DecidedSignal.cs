using Governance.Contracts;

namespace Governance.Rules.Windows;

/// <summary>
/// A firing decided on a creator's outcome: the store attaches the evidence of
/// <paramref name="EvidenceKey"/> inside (<paramref name="WindowEnd"/> − <paramref name="Window"/>,
/// <paramref name="WindowEnd"/>], builds the message with <paramref name="Build"/>, and writes it as
/// pending together with the cooldown it starts, in the same atomic write as the state.
/// </summary>
public sealed record DecidedSignal(
    string RuleId,
    string EvidenceKey,
    TimeSpan Window,
    DateTimeOffset WindowEnd,
    DateTimeOffset CooldownUntil,
    Func<IReadOnlyList<EvidenceItem>, RiskSignalDetected> Build);
