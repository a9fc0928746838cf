using Governance.Contracts;
using Governance.Rules.Engine;
using Governance.Rules.Windows;

namespace Governance.Cli.Rules;

/// <summary>What a replay produced: each firing with the signal it published, and the peer groups' counts (docs/rules.md, "Peer priors").</summary>
internal sealed record ReplayResult(IReadOnlyList<(RuleFiring Firing, RiskSignalDetected Signal)> Firings, EngineCounters Counters, IReadOnlyList<PeerCount> PeerCounts);
