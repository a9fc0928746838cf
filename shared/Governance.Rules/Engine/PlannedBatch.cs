namespace Governance.Rules.Engine;

/// <summary>A batch planned by <see cref="RuleEngine.Plan"/>: per creator, the updates each event asks for.</summary>
public sealed class PlannedBatch
{
    internal PlannedBatch(IReadOnlyList<CreatorPlan> creators, DateTimeOffset? newest)
    {
        Creators = creators;
        Newest = newest;
    }

    /// <summary>Creators of the batch, in order of first appearance.</summary>
    internal IReadOnlyList<CreatorPlan> Creators { get; }

    /// <summary>The newest event time of the batch (null when empty).</summary>
    internal DateTimeOffset? Newest { get; }
}
