namespace Governance.Rules.Engine;

/// <summary>What a batch's decisions read besides the window values.</summary>
/// <param name="Epoch">The deployment's start (event time).</param>
/// <param name="StateEpochs">When each count or sum baseline's state began, by state key (<see cref="Windows.IWindowStore.StateEpochsAsync"/>).</param>
/// <param name="Peers">The peer-group rates of the batch's hours.</param>
internal sealed record DecisionContext(DateTimeOffset Epoch, IReadOnlyDictionary<string, DateTimeOffset> StateEpochs, PeerPriors Peers)
{
    /// <summary>Since when a baseline of <paramref name="stateKey"/> has watched: its state's start, or the deployment's.</summary>
    public DateTimeOffset WatchedSince(string stateKey) =>
        StateEpochs.TryGetValue(stateKey, out var began) && began > Epoch ? began : Epoch;
}
