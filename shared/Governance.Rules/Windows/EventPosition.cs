namespace Governance.Rules.Windows;

/// <summary>A Kafka record's partition and offset, stored with the state it produced (exactly-once effects).</summary>
public readonly record struct EventPosition(int Partition, long Offset)
{
    /// <summary>Not read from Kafka (tests, backtests).</summary>
    public static EventPosition None { get; } = new(-1, -1);

    /// <summary>True when the event has a position to deduplicate by.</summary>
    public bool IsKnown => Partition >= 0 && Offset >= 0;
}
