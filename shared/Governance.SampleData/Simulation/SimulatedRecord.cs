namespace Governance.SampleData.Simulation;

/// <summary>One simulated input record.</summary>
/// <param name="Record">The record as upstream produces it (topic, key = creatorId, raw JSON value).</param>
/// <param name="OccurredAt">Its event time.</param>
/// <param name="ArrivesAt">When upstream delivers it: event time plus its source's lag.</param>
public sealed record SimulatedRecord(RawEvent Record, DateTimeOffset OccurredAt, DateTimeOffset ArrivesAt);
