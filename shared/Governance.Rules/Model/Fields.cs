using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Governance.Rules.Model;

/// <summary>
/// Typed reads of a rule file's fields (strings, numbers, durations, enums, expressions); each problem is
/// added to the error list with its position. The structured fields have their own readers: <see cref="AggregateField"/>,
/// <see cref="BaselineField"/>, <see cref="ReasonField"/>, <see cref="RuleTestsField"/>.
/// </summary>
internal sealed class Fields(string file, YamlMappingNode root, List<RuleError> errors)
{
    public SourceSpan Where(YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column);

    public SourceSpan WhereValue(string field) => Node(field) is { } node ? Where(node) : Where(root);

    public string? RequiredString(string field) => String(field, required: true);

    public string? OptionalString(string field) => String(field, required: false);

    public Located? Expression(string field, bool required) => Expression(root, field, required);

    public TimeSpan? Duration(string field, bool required, TimeSpan min, TimeSpan max) => Duration(root, field, required, min, max);

    public int? Integer(string field, int min, int max)
    {
        if (Scalar(root, field, required: false) is not { } node)
        {
            return null;
        }

        if (!int.TryParse(node.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Error(node, field, $"'{node.Value}' is not a whole number within {min}..{max}");
            return null;
        }

        return value;
    }

    public double? PositiveNumber(string field) => PositiveNumber(root, field, required: false);

    public double? PositiveNumber(YamlMappingNode mapping, string field, bool required, string prefix = "")
    {
        if (Scalar(mapping, field, required, prefix) is not { } node)
        {
            return null;
        }

        if (!double.TryParse(node.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || !double.IsFinite(value))
        {
            Error(node, prefix + field, $"'{node.Value}' is not a positive number");
            return null;
        }

        return value;
    }

    public T Enum<T>(string field, T fallback, bool required)
        where T : struct, Enum
    {
        if (Scalar(root, field, required) is not { } node)
        {
            return fallback;
        }

        if (System.Enum.TryParse<T>(node.Value, ignoreCase: true, out var value) && !int.TryParse(node.Value, out _))
        {
            return value;
        }

        var names = string.Join(" | ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
        Error(node, field, $"'{node.Value}' is not one of {names}");
        return fallback;
    }

    public Threshold? Threshold()
    {
        if (Scalar(root, "threshold", required: true) is not { } node)
        {
            return null;
        }

        if (Model.Threshold.TryParse(node.Value, out var threshold, out var error))
        {
            return threshold;
        }

        Error(node, "threshold", error);
        return null;
    }

    public Dictionary<string, Located> Filters()
    {
        var filters = new Dictionary<string, Located>(StringComparer.Ordinal);
        if (Node("filters") is not { } node)
        {
            return filters;
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(node, "filters", "must be a mapping of name: expression");
            return filters;
        }

        foreach (var (key, _) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (Expression(mapping, name, required: true, prefix: "filters.") is { } expression)
            {
                filters[name] = expression;
            }
        }

        return filters;
    }

    private string? String(string field, bool required)
    {
        var node = Scalar(root, field, required);
        if (node is not null && required && string.IsNullOrWhiteSpace(node.Value))
        {
            Error(node, field, "is empty");
        }

        return node?.Value;
    }

    public Located? Expression(YamlMappingNode mapping, string field, bool required, string prefix = "")
    {
        if (Scalar(mapping, field, required, prefix) is not { } node)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(node.Value))
        {
            Error(node, prefix + field, "is empty: write an expression, e.g. event.type == \"order.refunded\"");
            return null;
        }

        return new Located(node.Value, ValueStart(node));
    }

    public TimeSpan? Duration(YamlMappingNode mapping, string field, bool required, TimeSpan min, TimeSpan max, string prefix = "")
    {
        if (Scalar(mapping, field, required, prefix) is not { } node)
        {
            return null;
        }

        if (!Model.Duration.TryParse(node.Value, out var value, out var error))
        {
            Error(node, prefix + field, error);
            return null;
        }

        if (value < min || value > max)
        {
            Error(node, prefix + field, $"{node.Value} is outside {Model.Duration.Format(min)} … {Model.Duration.Format(max)}");
            return null;
        }

        return value;
    }

    public YamlScalarNode? Scalar(YamlMappingNode mapping, string field, bool required, string prefix = "")
    {
        var node = Child(mapping, field);
        if (node is null)
        {
            if (required)
            {
                Error(mapping, prefix + field, "is required");
            }

            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            Error(node, prefix + field, "must be a single value");
            return null;
        }

        return scalar;
    }

    /// <summary>Where a scalar's text starts: quoted scalars start one column after the quote, block scalars on the next line.</summary>
    public SourceSpan ValueStart(YamlScalarNode node) => node.Style switch
    {
        ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted => Where(node).At(1),
        ScalarStyle.Literal or ScalarStyle.Folded => Where(node) with { Line = Where(node).Line + 1 },
        _ => Where(node),
    };

    public YamlMappingNode Root => root;

    public YamlNode? Node(string field) => Child(root, field);

    public static YamlNode? Child(YamlMappingNode mapping, string field) =>
        mapping.Children.TryGetValue(new YamlScalarNode(field), out var node) ? node : null;

    public void Error(YamlNode node, string field, string message) => errors.Add(new RuleError(Where(node), field, message));
}
