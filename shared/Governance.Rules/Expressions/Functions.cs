using System.Collections.Frozen;
using System.Globalization;

namespace Governance.Rules.Expressions;

/// <summary>The built-in functions. Every one is total on null: null in, null (or false for predicates) out.</summary>
internal static partial class Functions
{
    private static readonly ExpressionType[] Text = [ExpressionType.String];
    private static readonly ExpressionType[] Numeric = [ExpressionType.Number];
    private static readonly ExpressionType[] Time = [ExpressionType.Timestamp, ExpressionType.String];
    private static readonly ExpressionType[] Any = [];

    public static FrozenDictionary<string, FunctionSpec> All { get; } = new FunctionSpec[]
    {
        new("startsWith", 2, 2, ExpressionType.Bool, Text, Binary: StartsWith),
        new("endsWith", 2, 2, ExpressionType.Bool, Text, Binary: EndsWith),
        new("contains", 2, 2, ExpressionType.Bool, [ExpressionType.String, ExpressionType.List], Binary: Contains, AcceptsRest: Any),
        new("lower", 1, 1, ExpressionType.String, Text, Unary: Lower),
        new("upper", 1, 1, ExpressionType.String, Text, Unary: Upper),
        new("len", 1, 1, ExpressionType.Number, [ExpressionType.String, ExpressionType.List, ExpressionType.Object], Unary: Len),
        new("abs", 1, 1, ExpressionType.Number, Numeric, Unary: Abs),
        new("min", 2, 16, ExpressionType.Number, Numeric, Binary: Min),
        new("max", 2, 16, ExpressionType.Number, Numeric, Binary: Max),
        new("round", 1, 2, ExpressionType.Number, Numeric, Unary: Round, Binary: RoundTo),
        new("number", 1, 1, ExpressionType.Number, [ExpressionType.Number, ExpressionType.String, ExpressionType.Bool, ExpressionType.Timestamp], Unary: ToNumber),
        new("string", 1, 1, ExpressionType.String, Any, Unary: ToText),
        new("hour", 1, 1, ExpressionType.Number, Time, Unary: Hour),
        new("dayOfWeek", 1, 1, ExpressionType.Number, Time, Unary: DayOfWeek),
        new("coalesce", 1, 16, ExpressionType.Unknown, Any),
        new("has", 1, 1, ExpressionType.Bool, Any),
        new("matches", 2, 2, ExpressionType.Bool, Text),
    }.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Names from other languages, so that "did you mean" can point from them to ours.</summary>
    public static FrozenDictionary<string, string> Aliases { get; } = new Dictionary<string, string>
    {
        ["length"] = "len",
        ["size"] = "len",
        ["count"] = "len",
        ["toLower"] = "lower",
        ["toLowerCase"] = "lower",
        ["toUpper"] = "upper",
        ["toUpperCase"] = "upper",
        ["exists"] = "has",
        ["defined"] = "has",
        ["ifNull"] = "coalesce",
        ["nvl"] = "coalesce",
        ["includes"] = "contains",
        ["toString"] = "string",
        ["toNumber"] = "number",
        ["parseFloat"] = "number",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The function meant by a misspelled or foreign <paramref name="name"/>, if any.</summary>
    public static string? Suggest(string name) =>
        Suggestions.Closest(name, All.Keys.Concat(Aliases.Keys)) is { } match ? Aliases.GetValueOrDefault(match, match) : null;

    private static Value StartsWith(Value s, Value prefix, int position) =>
        Predicate(s, prefix, "startsWith", position, static (a, b) => a.StartsWith(b, StringComparison.Ordinal));

    private static Value EndsWith(Value s, Value suffix, int position) =>
        Predicate(s, suffix, "endsWith", position, static (a, b) => a.EndsWith(b, StringComparison.Ordinal));

    private static Value Contains(Value s, Value part, int position) => s.Kind == ValueKind.List
        ? Value.FromBool(Operations.In(part, s, position))
        : Predicate(s, part, "contains", position, static (a, b) => a.Contains(b, StringComparison.Ordinal));

    private static Value Lower(Value s, int position) =>
        s.IsNull ? s : Value.FromString(Expect(s, ValueKind.String, "lower", position).AsString().ToLowerInvariant());

    private static Value Upper(Value s, int position) =>
        s.IsNull ? s : Value.FromString(Expect(s, ValueKind.String, "upper", position).AsString().ToUpperInvariant());

    private static Value Len(Value v, int position) => v.Kind switch
    {
        ValueKind.Null => v,
        ValueKind.String => Value.FromNumber(v.AsString().Length),
        ValueKind.List => Value.FromNumber(v.Count),
        ValueKind.Object => Value.FromNumber(v.Json.GetPropertyCount()),
        _ => throw TypeError("len", "a string, list or object", v, position),
    };

    private static Value Abs(Value v, int position) => Numeric1(v, "abs", position, Math.Abs);

    private static Value Round(Value v, int position) =>
        Numeric1(v, "round", position, static x => Math.Round(x, MidpointRounding.AwayFromZero));

    private static Value RoundTo(Value v, Value digits, int position)
    {
        if (v.IsNull || digits.IsNull)
        {
            return Value.Null;
        }

        var d = Expect(digits, ValueKind.Number, "round", position).AsNumber();
        if (d is < 0 or > 15 || d != Math.Floor(d))
        {
            throw new ExpressionRuntimeException($"'round' needs 0 to 15 digits, got {d.ToString(CultureInfo.InvariantCulture)}", position);
        }

        return Value.FromNumber(Math.Round(Expect(v, ValueKind.Number, "round", position).AsNumber(), (int)d, MidpointRounding.AwayFromZero));
    }

    private static Value Min(Value a, Value b, int position) => Numeric2(a, b, "min", position, Math.Min);

    private static Value Max(Value a, Value b, int position) => Numeric2(a, b, "max", position, Math.Max);

    private static Value ToNumber(Value v, int position) => v.Kind switch
    {
        ValueKind.Null or ValueKind.Number => v,
        ValueKind.Bool => Value.FromNumber(v.AsBool() ? 1 : 0),
        ValueKind.String => double.TryParse(v.AsString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? Value.FromNumber(x) : Value.Null,
        ValueKind.Timestamp => Value.FromNumber(v.AsTimestamp().ToUnixTimeMilliseconds() / 1000.0),
        _ => throw TypeError("number", "a number, string, boolean or timestamp", v, position),
    };

    private static Value ToText(Value v, int position) => v.Kind == ValueKind.String ? v : Value.FromString(v.ToKey());

    private static Value Hour(Value v, int position) => Time1(v, "hour", position, static t => t.Hour);

    private static Value DayOfWeek(Value v, int position) => Time1(v, "dayOfWeek", position, static t => (int)t.DayOfWeek);
}
