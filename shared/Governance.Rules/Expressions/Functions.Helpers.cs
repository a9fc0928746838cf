using System.Globalization;

namespace Governance.Rules.Expressions;

internal static partial class Functions
{
    private static Value Predicate(Value s, Value other, string name, int position, Func<string, string, bool> test)
    {
        if (s.IsNull || other.IsNull)
        {
            return Value.False;
        }

        return Value.FromBool(test(
            Expect(s, ValueKind.String, name, position).AsString(),
            Expect(other, ValueKind.String, name, position).AsString()));
    }

    private static Value Numeric1(Value v, string name, int position, Func<double, double> f) =>
        v.IsNull ? v : Value.FromNumber(f(Expect(v, ValueKind.Number, name, position).AsNumber()));

    private static Value Numeric2(Value a, Value b, string name, int position, Func<double, double, double> f) =>
        a.IsNull || b.IsNull
            ? Value.Null
            : Value.FromNumber(f(Expect(a, ValueKind.Number, name, position).AsNumber(), Expect(b, ValueKind.Number, name, position).AsNumber()));

    /// <summary>A timestamp, or a string in RFC 3339 form (an attribute); an unparsable string gives null.</summary>
    private static Value Time1(Value v, string name, int position, Func<DateTime, int> part)
    {
        switch (v.Kind)
        {
            case ValueKind.Null:
                return v;
            case ValueKind.Timestamp:
                return Value.FromNumber(part(v.AsTimestamp().UtcDateTime));
            case ValueKind.String:
                return DateTimeOffset.TryParse(v.AsString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                    ? Value.FromNumber(part(t.UtcDateTime))
                    : Value.Null;
            default:
                throw TypeError(name, "a timestamp", v, position);
        }
    }

    private static Value Expect(Value v, ValueKind kind, string name, int position) =>
        v.Kind == kind ? v : throw TypeError(name, "a " + Operations.Describe(kind), v, position);

    private static ExpressionRuntimeException TypeError(string name, string expected, Value got, int position) =>
        new($"'{name}' needs {expected}, got {Operations.Describe(got.Kind)}", position);
}
