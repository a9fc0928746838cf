namespace Governance.Ingestion.Validation;

/// <summary>One known input field: its check, whether it is required, and whether it is a core (non-attribute) field.</summary>
internal sealed record FieldSpec(string Name, FieldKind Kind, bool Required = false, double Min = 0, double Max = double.MaxValue, bool Core = false);
