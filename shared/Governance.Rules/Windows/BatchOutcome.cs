using Governance.Contracts;

namespace Governance.Rules.Windows;

/// <summary>
/// A batch applied: per creator its outcome, and the signals to publish: those decided now and those
/// a previous worker decided and wrote but may not have published (identical messages).
/// </summary>
public sealed record BatchOutcome(IReadOnlyList<CreatorOutcome> Creators, IReadOnlyList<RiskSignalDetected> Signals);
