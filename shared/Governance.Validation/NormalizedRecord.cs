namespace Governance.Validation;

/// <summary>A valid input record turned into a serialized <c>CreatorEvent</c>.</summary>
/// <param name="Key">The creator id as UTF-8: the output record's key.</param>
/// <param name="Value">UTF-8 JSON of the <c>CreatorEvent</c>.</param>
public readonly record struct NormalizedRecord(byte[] Key, byte[] Value);
