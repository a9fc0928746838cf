using Governance.Contracts;
using Governance.Rules.Engine;

namespace Governance.Cli.Rules;

/// <summary>What a replay produced: each firing with the signal it published.</summary>
internal sealed record ReplayResult(IReadOnlyList<(RuleFiring Firing, RiskSignalDetected Signal)> Firings, EngineCounters Counters);
