using Governance.Rules.Windows;

namespace Governance.Rules.Engine;

/// <summary>What a creator's decisions read besides its window values, and where they count for the peer groups.</summary>
/// <param name="Epoch">The deployment's start (event time).</param>
/// <param name="Peers">The peer-group rates of the batch's hours.</param>
/// <param name="PeerCounts">Where the creator's applied events of rules with a peer prior are counted.</param>
internal sealed record DecisionContext(DateTimeOffset Epoch, PeerPriors Peers, List<PeerCount> PeerCounts);
