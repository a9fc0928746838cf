using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Governance.Rules.Expressions;

/// <summary>
/// A runtime value of an expression. A small struct that never allocates for values read from the event:
/// strings, lists and objects that come from JSON stay <see cref="JsonElement"/>s until a string is needed.
/// <c>default(Value)</c> is <see cref="Null"/>.
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly object? _ref;      // string (String) or Value[] (list literal)
    private readonly JsonElement _json; // JSON-backed String, List or Object
    private readonly long _bits;        // Number: double bits; Bool: 0/1; Timestamp: UTC ticks

    private Value(ValueKind kind, long bits = 0, object? reference = null, JsonElement json = default)
    {
        Kind = kind;
        _bits = bits;
        _ref = reference;
        _json = json;
    }

    /// <summary>The kind of this value.</summary>
    public ValueKind Kind { get; }

    /// <summary>True for <see cref="ValueKind.Null"/>.</summary>
    public bool IsNull => Kind == ValueKind.Null;

    /// <summary>The null value.</summary>
    public static Value Null => default;

    /// <summary><c>true</c>.</summary>
    public static Value True { get; } = new(ValueKind.Bool, 1);

    /// <summary><c>false</c>.</summary>
    public static Value False { get; } = new(ValueKind.Bool, 0);

    /// <summary>A boolean.</summary>
    public static Value FromBool(bool value) => value ? True : False;

    /// <summary>A number; NaN becomes null so that it never leaks into comparisons.</summary>
    public static Value FromNumber(double value) =>
        double.IsNaN(value) ? Null : new(ValueKind.Number, BitConverter.DoubleToInt64Bits(value));

    /// <summary>A string, or null.</summary>
    public static Value FromString(string? value) => value is null ? Null : new(ValueKind.String, reference: value);

    /// <summary>A timestamp (kept in UTC).</summary>
    public static Value FromTimestamp(DateTimeOffset value) => new(ValueKind.Timestamp, value.UtcTicks);

    /// <summary>A list of values.</summary>
    public static Value FromList(IEnumerable<Value> items) => FromArray(items.ToArray());

    /// <summary>A list that owns <paramref name="items"/> (no copy).</summary>
    internal static Value FromArray(Value[] items) => new(ValueKind.List, reference: items);

    /// <summary>
    /// The value of a JSON element: numbers, strings, booleans, arrays, objects; null when JSON null or
    /// undefined. Never throws: a number beyond the range of a double is infinite, or null where unreadable.
    /// </summary>
    public static Value FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.TryGetDouble(out var number) ? FromNumber(number) : Null,
        JsonValueKind.String => new(ValueKind.String, json: element),
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        JsonValueKind.Array => new(ValueKind.List, json: element),
        JsonValueKind.Object => new(ValueKind.Object, json: element),
        _ => Null,
    };

    /// <summary>The boolean; throws unless <see cref="Kind"/> is Bool.</summary>
    public bool AsBool() => Kind == ValueKind.Bool ? _bits != 0 : throw WrongKind(ValueKind.Bool);

    /// <summary>The number; throws unless <see cref="Kind"/> is Number.</summary>
    public double AsNumber() => Kind == ValueKind.Number ? BitConverter.Int64BitsToDouble(_bits) : throw WrongKind(ValueKind.Number);

    /// <summary>The string (materialized from JSON on demand); throws unless <see cref="Kind"/> is String.</summary>
    public string AsString() => Kind == ValueKind.String
        ? (string?)_ref ?? _json.GetString()!
        : throw WrongKind(ValueKind.String);

    /// <summary>The timestamp in UTC; throws unless <see cref="Kind"/> is Timestamp.</summary>
    public DateTimeOffset AsTimestamp() => Kind == ValueKind.Timestamp
        ? new DateTimeOffset(_bits, TimeSpan.Zero)
        : throw WrongKind(ValueKind.Timestamp);

    /// <summary>The number of items of a list; throws unless <see cref="Kind"/> is List.</summary>
    public int Count => Kind == ValueKind.List
        ? _ref is Value[] items ? items.Length : _json.GetArrayLength()
        : throw WrongKind(ValueKind.List);

    /// <summary>The item at <paramref name="index"/> of a list.</summary>
    public Value ItemAt(int index) => _ref is Value[] items ? items[index] : FromJson(_json[index]);

    /// <summary>True when this is a string, list or object that is backed by JSON; then <see cref="Json"/> is it.</summary>
    internal bool IsJson => _ref is null && Kind is ValueKind.String or ValueKind.List or ValueKind.Object;

    /// <summary>The JSON element of a JSON-backed value (see <see cref="IsJson"/>).</summary>
    internal JsonElement Json => _json;

    /// <summary>Structural equality: same kind and same content (strings ordinal, numbers by value).</summary>
    public bool Equals(Value other) => Operations.AreEqual(this, other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        ValueKind.Null => 0,
        ValueKind.Number => AsNumber().GetHashCode(), // 0 and -0 are equal, so they must hash alike
        ValueKind.String => StringComparer.Ordinal.GetHashCode(AsString()),
        // A JSON array and a list literal can be equal, and JSON objects compare structurally: hash the shape only.
        ValueKind.List => HashCode.Combine(Kind, Count),
        ValueKind.Object => HashCode.Combine(Kind, _json.GetPropertyCount()),
        _ => HashCode.Combine(Kind, _bits),
    };

    /// <summary>Equality as in <see cref="Equals(Value)"/>.</summary>
    public static bool operator ==(Value left, Value right) => left.Equals(right);

    /// <summary>Inequality as in <see cref="Equals(Value)"/>.</summary>
    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    /// <summary>
    /// The key form used for distinct counts and group keys: strings as they are, numbers in invariant
    /// culture (shortest round-trip form), booleans as <c>true</c>/<c>false</c>, timestamps ISO 8601 UTC,
    /// lists and objects as JSON; null for null.
    /// </summary>
    public string? ToKey() => Kind switch
    {
        ValueKind.Null => null,
        ValueKind.Bool => _bits != 0 ? "true" : "false",
        ValueKind.Number => AsNumber().ToString("R", CultureInfo.InvariantCulture),
        ValueKind.String => AsString(),
        ValueKind.Timestamp => AsTimestamp().ToString("O", CultureInfo.InvariantCulture),
        _ when IsJson => _json.GetRawText(),
        _ => "[" + string.Join(",", ((Value[])_ref!).Select(ItemJson)) + "]",
    };

    /// <summary>The key form, or <c>null</c> for null.</summary>
    public override string ToString() => ToKey() ?? "null";

    private static string ItemJson(Value item) => item.Kind switch
    {
        ValueKind.String or ValueKind.Timestamp => "\"" + JsonEncodedText.Encode(item.ToKey()!, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() + "\"",
        _ => item.ToKey() ?? "null",
    };

    private InvalidOperationException WrongKind(ValueKind expected) =>
        new($"the value is {Kind.ToString().ToLowerInvariant()}, not {expected.ToString().ToLowerInvariant()}");
}
