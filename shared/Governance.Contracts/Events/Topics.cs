namespace Governance.Contracts;

/// <summary>Kafka topic names shared by producers and consumers.</summary>
public static class Topics
{
    /// <summary>Upstream content events.</summary>
    public const string Content = "creator.content.v1";

    /// <summary>Upstream transaction events.</summary>
    public const string Transactions = "creator.transactions.v1";

    /// <summary>Normalized <see cref="CreatorEvent"/>s.</summary>
    public const string Events = "governance.events.v1";

    /// <summary>Rejected input, unchanged, with the reason in headers.</summary>
    public const string DeadLetter = "governance.deadletter.v1";
}
