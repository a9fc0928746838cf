namespace Governance.Benchmarks;

/// <summary>A normalized event (a <c>CreatorEvent</c> as ingestion writes it), serialized before timing.</summary>
internal readonly record struct SignalRecord(string CreatorId, byte[] Key, byte[] Value);
