namespace Governance.SampleData;

/// <summary>One input record as upstream would produce it.</summary>
/// <param name="Topic">Input topic.</param>
/// <param name="Key">Kafka key (the creatorId; may differ for broken records).</param>
/// <param name="Value">The JSON value (or garbage for invalid records).</param>
/// <param name="EventId">The eventId inside, when there is one.</param>
/// <param name="ExpectedRejection">The reason code ingestion should give, or null when valid.</param>
public sealed record RawEvent(string Topic, string Key, string Value, string EventId, string? ExpectedRejection);
