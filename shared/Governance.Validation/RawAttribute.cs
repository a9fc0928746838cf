namespace Governance.Validation;

/// <summary>An attribute copied through to the output as it came: its quoted name and its value, as byte ranges of the record.</summary>
internal readonly record struct RawAttribute(int NameStart, int NameLength, int ValueStart, int ValueLength);
