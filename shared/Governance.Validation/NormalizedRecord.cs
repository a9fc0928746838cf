namespace Governance.Validation;

/// <summary>A valid input record turned into a serialized <c>CreatorEvent</c>.</summary>
/// <param name="EventId">The event's id (dedup key).</param>
/// <param name="CreatorId">The creator: the output key.</param>
/// <param name="Value">UTF-8 JSON of the <c>CreatorEvent</c>.</param>
public readonly record struct NormalizedRecord(string EventId, string CreatorId, byte[] Value);
