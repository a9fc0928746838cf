using Governance.Contracts;

namespace Governance.Rules.Engine;

/// <summary>
/// A batch evaluated: the firings decided now (per creator, in event order), and the signals to publish: the
/// messages of those firings and pending ones a previous worker decided but may not have published.
/// </summary>
public sealed record EvaluatedBatch(IReadOnlyList<RuleFiring> Firings, IReadOnlyList<RiskSignalDetected> Signals);
