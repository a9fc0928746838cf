using System.Globalization;

namespace Governance.Rules.Model;

/// <summary>A threshold such as <c>&gt;= 5</c> or <c>&gt; 0.3</c>: the comparison a rule's value must pass.</summary>
public sealed record Threshold(string Operator, double Limit)
{
    /// <summary>Parses <c>&gt;= N</c>, <c>&gt; N</c>, <c>&lt;= N</c>, <c>&lt; N</c>, <c>== N</c> (a bare number means <c>&gt;=</c>), optionally after <c>p</c> (<c>p &lt; 1e-6</c>).</summary>
    public static bool TryParse(string? text, out Threshold? threshold, out string error)
    {
        threshold = null;
        error = "";
        var s = (text ?? "").Trim();
        // "p < 1e-6": a surprise rule's threshold names the probability it compares.
        if (s.StartsWith('p') && s.Length > 1 && (s[1] is '<' or '>' or '=' || char.IsWhiteSpace(s[1])))
        {
            s = s[1..].TrimStart();
        }

        var op = s.StartsWith(">=", StringComparison.Ordinal) ? ">="
            : s.StartsWith("<=", StringComparison.Ordinal) ? "<="
            : s.StartsWith("==", StringComparison.Ordinal) ? "=="
            : s.StartsWith('>') ? ">"
            : s.StartsWith('<') ? "<"
            : "";
        var number = s[op.Length..].Trim();
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var limit) || !double.IsFinite(limit))
        {
            error = $"'{text}' is not a threshold: write a comparison and a number, e.g. \">= 5\" or \"> 0.3\"";
            return false;
        }

        threshold = new Threshold(op.Length == 0 ? ">=" : op, limit);
        return true;
    }

    /// <summary>True when <paramref name="value"/> passes.</summary>
    public bool IsMet(double value) => Operator switch
    {
        ">=" => value >= Limit,
        ">" => value > Limit,
        "<=" => value <= Limit,
        "<" => value < Limit,
        _ => value == Limit,
    };

    /// <inheritdoc />
    public override string ToString() => $"{Operator} {Limit.ToString(CultureInfo.InvariantCulture)}";
}
