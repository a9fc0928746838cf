namespace Governance.Benchmarks;

/// <summary>A pre-serialized input record, so the feeder spends no time on JSON during measurement.</summary>
internal readonly record struct FeedEvent(bool Content, byte[] Key, byte[] Value);
