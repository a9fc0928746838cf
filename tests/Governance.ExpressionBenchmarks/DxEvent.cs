using System.Text.Json;
using Governance.Rules;

namespace Governance.ExpressionBenchmarks;

/// <summary>How DynamicExpresso sees an event: typed core fields, attributes through lookup methods (null when missing).</summary>
public sealed class DxEvent(RuleEvent e)
{
    public string Type => e.Type;

    public string Source => e.Source;

    public string? Locale => e.Locale;

    public DateTimeOffset OccurredAt => e.OccurredAt;

    public double? Num(string name) =>
        e.Attributes.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    public string? Str(string name) =>
        e.Attributes.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public bool Has(string name) => e.Attributes.TryGetValue(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public bool ListContains(string name, string item)
    {
        if (!e.Attributes.TryGetValue(name, out var v) || v.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var element in v.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.String && element.ValueEquals(item))
            {
                return true;
            }
        }

        return false;
    }

    public string? Path(string name, string field) =>
        e.Attributes.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Object
            && v.TryGetProperty(field, out var f) && f.ValueKind == JsonValueKind.String
            ? f.GetString()
            : null;
}
