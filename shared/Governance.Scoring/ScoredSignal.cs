using Governance.Rules.Model;

namespace Governance.Scoring;

/// <summary>What the policy needs of one enforce signal in the look-back: its rule and severity.</summary>
public readonly record struct ScoredSignal(string RuleId, Severity Severity);
