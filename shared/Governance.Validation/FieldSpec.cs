using System.Text;

namespace Governance.Validation;

/// <summary>One known input field: its check, whether it is required, and whether it is a core (non-attribute) field.</summary>
internal sealed record FieldSpec(string Name, FieldKind Kind, bool Required = false, double Min = 0, double Max = double.MaxValue, bool Core = false)
{
    /// <summary>The name as UTF-8, compared with raw property names without decoding them.</summary>
    public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(Name);
}
