using Governance.Contracts;
using Governance.Rules.Engine;

namespace Governance.Cli.Rules;

/// <summary>What a replay produced.</summary>
internal sealed record ReplayResult(IReadOnlyList<(RuleFiring Firing, IReadOnlyList<EvidenceItem> Evidence)> Firings, EngineCounters Counters);
