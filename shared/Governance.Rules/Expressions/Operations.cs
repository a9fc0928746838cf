using System.Text.Json;

namespace Governance.Rules.Expressions;

/// <summary>
/// The semantics of the operators, shared by both back ends. Nulls never throw: arithmetic on null is
/// null, comparisons with null are false. Only a real type mismatch throws <see cref="ExpressionRuntimeException"/>.
/// </summary>
internal static class Operations
{
    /// <summary>How a value counts in <c>&amp;&amp;</c>, <c>||</c>, <c>!</c> and <c>?:</c>: null is false.</summary>
    public static bool Truth(Value v, int position) => v.Kind switch
    {
        ValueKind.Bool => v.AsBool(),
        ValueKind.Null => false,
        _ => throw new ExpressionRuntimeException($"expected true or false, got {Describe(v.Kind)}", position),
    };

    public static bool AreEqual(Value a, Value b)
    {
        if (a.Kind != b.Kind)
        {
            return false;
        }

        return a.Kind switch
        {
            ValueKind.Null => true,
            ValueKind.Number => a.AsNumber() == b.AsNumber(),
            ValueKind.String => StringEquals(a, b),
            ValueKind.Bool => a.AsBool() == b.AsBool(),
            ValueKind.Timestamp => a.AsTimestamp() == b.AsTimestamp(),
            ValueKind.Object => JsonElement.DeepEquals(a.Json, b.Json),
            _ => ListEquals(a, b),
        };
    }

    public static bool Compare(Value a, Value b, Comparison op, int position)
    {
        if (a.IsNull || b.IsNull)
        {
            return false;
        }

        int order;
        if (a.Kind == ValueKind.Number && b.Kind == ValueKind.Number)
        {
            double x = a.AsNumber(), y = b.AsNumber();
            return op switch
            {
                Comparison.Less => x < y,
                Comparison.LessOrEqual => x <= y,
                Comparison.Greater => x > y,
                _ => x >= y,
            };
        }
        else if (a.Kind == ValueKind.String && b.Kind == ValueKind.String)
        {
            order = string.CompareOrdinal(a.AsString(), b.AsString());
        }
        else if (a.Kind == ValueKind.Timestamp && b.Kind == ValueKind.Timestamp)
        {
            order = a.AsTimestamp().CompareTo(b.AsTimestamp());
        }
        else
        {
            throw new ExpressionRuntimeException($"cannot compare {Describe(a.Kind)} with {Describe(b.Kind)} using '{Symbol(op)}'", position);
        }

        return op switch
        {
            Comparison.Less => order < 0,
            Comparison.LessOrEqual => order <= 0,
            Comparison.Greater => order > 0,
            _ => order >= 0,
        };
    }

    public static Value Arithmetic(Value a, Value b, Arithmetic op, int position)
    {
        if (a.IsNull || b.IsNull)
        {
            return Value.Null;
        }

        if (a.Kind == ValueKind.Number && b.Kind == ValueKind.Number)
        {
            double x = a.AsNumber(), y = b.AsNumber();
            return op switch
            {
                Expressions.Arithmetic.Add => Value.FromNumber(x + y),
                Expressions.Arithmetic.Subtract => Value.FromNumber(x - y),
                Expressions.Arithmetic.Multiply => Value.FromNumber(x * y),
                // Division by zero has no useful answer for a rule: null makes every comparison false.
                Expressions.Arithmetic.Divide => y == 0 ? Value.Null : Value.FromNumber(x / y),
                _ => y == 0 ? Value.Null : Value.FromNumber(x % y),
            };
        }

        if (op == Expressions.Arithmetic.Add && a.Kind == ValueKind.String && b.Kind == ValueKind.String)
        {
            return Value.FromString(string.Concat(a.AsString(), b.AsString()));
        }

        throw new ExpressionRuntimeException($"cannot apply '{Symbol(op)}' to {Describe(a.Kind)} and {Describe(b.Kind)}", position);
    }

    public static Value Negate(Value v, int position) => v.Kind switch
    {
        ValueKind.Null => Value.Null,
        ValueKind.Number => Value.FromNumber(-v.AsNumber()),
        _ => throw new ExpressionRuntimeException($"cannot negate {Describe(v.Kind)}", position),
    };

    /// <summary><c>item in list</c>: false for a null list; the list is bounded by the data, never by the expression.</summary>
    public static bool In(Value item, Value list, int position)
    {
        if (list.Kind == ValueKind.Null)
        {
            return false;
        }

        if (list.Kind != ValueKind.List)
        {
            throw new ExpressionRuntimeException($"'in' needs a list on its right, got {Describe(list.Kind)}", position);
        }

        if (list.IsJson)
        {
            foreach (var element in list.Json.EnumerateArray())
            {
                if (AreEqual(item, Value.FromJson(element)))
                {
                    return true;
                }
            }

            return false;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (AreEqual(item, list.ItemAt(i)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>x.name</c> on a JSON object; anything else (null, a number, a missing field) gives null.</summary>
    public static Value Member(Value target, string name) =>
        target.Kind == ValueKind.Object && target.Json.TryGetProperty(name, out var property) ? Value.FromJson(property) : Value.Null;

    /// <summary><c>x[i]</c>: list item by 0-based number, object field by string; out of range or missing gives null.</summary>
    public static Value Index(Value target, Value index, int position)
    {
        if (target.IsNull || index.IsNull)
        {
            return Value.Null;
        }

        if (target.Kind == ValueKind.List && index.Kind == ValueKind.Number)
        {
            var i = index.AsNumber();
            return i >= 0 && i < target.Count && i == Math.Floor(i) ? target.ItemAt((int)i) : Value.Null;
        }

        if (target.Kind == ValueKind.Object && index.Kind == ValueKind.String)
        {
            return Member(target, index.AsString());
        }

        throw new ExpressionRuntimeException($"cannot index {Describe(target.Kind)} with {Describe(index.Kind)}", position);
    }

    public static string Describe(ValueKind kind) => kind switch
    {
        ValueKind.Bool => "boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string Symbol(Comparison op) => op switch
    {
        Comparison.Less => "<",
        Comparison.LessOrEqual => "<=",
        Comparison.Greater => ">",
        _ => ">=",
    };

    public static string Symbol(Arithmetic op) => op switch
    {
        Expressions.Arithmetic.Add => "+",
        Expressions.Arithmetic.Subtract => "-",
        Expressions.Arithmetic.Multiply => "*",
        Expressions.Arithmetic.Divide => "/",
        _ => "%",
    };

    private static bool StringEquals(Value a, Value b)
    {
        // JSON-backed strings compare without materializing a .NET string.
        if (a.IsJson)
        {
            return a.Json.ValueEquals(b.AsString());
        }

        return b.IsJson ? b.Json.ValueEquals(a.AsString()) : string.Equals(a.AsString(), b.AsString(), StringComparison.Ordinal);
    }

    private static bool ListEquals(Value a, Value b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!AreEqual(a.ItemAt(i), b.ItemAt(i)))
            {
                return false;
            }
        }

        return true;
    }
}
