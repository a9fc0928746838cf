namespace Governance.Rules.Engine;

/// <summary>A batch planned by <see cref="RuleEngine.Plan"/>: per creator, the updates each event asks for.</summary>
public sealed class PlannedBatch
{
    internal PlannedBatch(IReadOnlyList<CreatorPlan> creators, DateTimeOffset? newest, RulePack pack, IReadOnlyList<DateTimeOffset> peerHours)
    {
        Creators = creators;
        Newest = newest;
        Pack = pack;
        PeerHours = peerHours;
    }

    /// <summary>Creators of the batch, in order of first appearance.</summary>
    internal IReadOnlyList<CreatorPlan> Creators { get; }

    /// <summary>The newest event time of the batch (null when empty).</summary>
    internal DateTimeOffset? Newest { get; }

    /// <summary>The pack it was planned with (its rules with a peer prior, its baseline states).</summary>
    internal RulePack Pack { get; }

    /// <summary>The hours of event time the batch's events fall in, when the pack has rules with a peer prior.</summary>
    internal IReadOnlyList<DateTimeOffset> PeerHours { get; }
}
