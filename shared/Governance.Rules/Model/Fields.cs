using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Governance.Rules.Model;

/// <summary>Typed reads of a rule file's fields; each problem is added to the error list with its position.</summary>
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

    private double? PositiveNumber(YamlMappingNode mapping, string field, bool required, string prefix = "")
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

    public (AggregateKind Kind, Located? Argument, (string, string)? Ratio) Aggregate(IReadOnlyDictionary<string, Located> filters)
    {
        if (Scalar(root, "aggregate", required: true) is not { } node)
        {
            return (AggregateKind.Count, null, null);
        }

        var text = (node.Value ?? "").Trim();
        var match = RuleFileParser.AggregateSyntax().Match(text);
        if (!match.Success)
        {
            Error(node, "aggregate", $"'{text}' is not an aggregate: write count, sum(<expr>), distinct(<expr>), ratio(<filter> / <filter>) or surprise(<filter> / <filter>)");
            return (AggregateKind.Count, null, null);
        }

        var kind = System.Enum.Parse<AggregateKind>(match.Groups[1].Value, ignoreCase: true);
        var inner = match.Groups[3].Value.Trim();
        var innerOffset = match.Groups[3].Index + (match.Groups[3].Value.Length - match.Groups[3].Value.TrimStart().Length);
        switch (kind)
        {
            case AggregateKind.Count when match.Groups[2].Success:
                Error(node, "aggregate", "count takes no argument (put the condition in 'when')");
                break;
            case AggregateKind.Sum or AggregateKind.Distinct when inner.Length == 0:
                Error(node, "aggregate", $"{match.Groups[1].Value} needs an expression, e.g. {match.Groups[1].Value}(event.amount)");
                break;
            case AggregateKind.Sum or AggregateKind.Distinct:
                return (kind, new Located(inner, ValueStart(node).At(innerOffset)), null);
            case AggregateKind.Ratio or AggregateKind.Surprise:
                var name = match.Groups[1].Value;
                var parts = inner.Split('/', StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || parts.Any(p => p.Length == 0))
                {
                    Error(node, "aggregate", $"{name} needs two filter names: {name}(refunds / orders), with both under 'filters'");
                    break;
                }

                foreach (var part in parts.Where(p => !filters.ContainsKey(p)))
                {
                    var hint = RuleFileParser.Suggest(part, filters.Keys);
                    Error(node, "aggregate", $"{name} uses '{part}', which is not under 'filters'" + (hint is null ? "" : $" (did you mean '{hint}'?)"));
                }

                return (kind, null, (parts[0], parts[1]));
        }

        return (kind, null, null);
    }

    public Baseline? Baseline(TimeSpan? window, AggregateKind aggregate)
    {
        if (Node("baseline") is not { } node)
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            Error(node, "baseline", "must be a mapping: { history: 7d, factor: 5 } ({ history: 7d } or { history: 7d, prior: 40 } for surprise)");
            return null;
        }

        var history = Duration(mapping, "history", required: true, TimeSpan.FromMinutes(2), TimeSpan.FromDays(30), "baseline.");
        double? factor;
        double? prior = null;
        if (aggregate == AggregateKind.Surprise)
        {
            if (Scalar(mapping, "factor", required: false, "baseline.") is { } unused)
            {
                Error(unused, "baseline.factor", "a surprise rule's baseline is a rate, not a factor: write { history: 7d } or { history: 7d, prior: 40 }");
            }

            factor = 1; // not read: a surprise rule's baseline sets its rate (SurpriseTest.BlendedRate)
            prior = PositiveNumber(mapping, "prior", required: false, "baseline.");
        }
        else
        {
            if (Scalar(mapping, "prior", required: false, "baseline.") is { } notSurprise)
            {
                Error(notSurprise, "baseline.prior", "only applies to surprise aggregates");
            }

            factor = PositiveNumber(mapping, "factor", required: true, "baseline.");
        }

        if (history is null || factor is null || window is null)
        {
            return null;
        }

        if (history <= window || history.Value.Ticks % window.Value.Ticks != 0 || history.Value.Ticks / window.Value.Ticks > RuleFileParser.MaxBaseline)
        {
            Error(mapping, "baseline.history", $"must be a whole multiple of the window, longer than it and at most {RuleFileParser.MaxBaseline} windows long");
            return null;
        }

        return new Baseline(history.Value, factor.Value, prior);
    }

    public LocalizedText Reason()
    {
        if (Node("reason") is not YamlMappingNode mapping)
        {
            Error(Node("reason") ?? root, "reason", "needs both languages: reason: { en: \"...\", es: \"...\" }");
            return new LocalizedText("", "");
        }

        return new LocalizedText(Template(mapping, "en"), Template(mapping, "es"));
    }

    public List<RuleTestCase> Tests()
    {
        var tests = new List<RuleTestCase>();
        if (Node("tests") is not { } node)
        {
            return tests;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node, "tests", "must be a list of { name, events, expect }");
            return tests;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var prefix = $"tests[{i}].";
            if (sequence.Children[i] is not YamlMappingNode test)
            {
                Error(sequence.Children[i], $"tests[{i}]", "must be a mapping { name, events, expect }");
                continue;
            }

            var name = Scalar(test, "name", required: true, prefix)?.Value;
            var events = Scalar(test, "events", required: true, prefix)?.Value;
            if (Child(test, "expect") is not YamlMappingNode expect)
            {
                Error(test, prefix + "expect", "is required: { fires: true|false, value: N, firings: N }");
                continue;
            }

            var fires = Scalar(expect, "fires", required: true, prefix + "expect.");
            var value = Scalar(expect, "value", required: false, prefix + "expect.");
            var firings = Scalar(expect, "firings", required: false, prefix + "expect.");
            bool firesValue = false;
            if (fires is not null && !bool.TryParse(fires.Value, out firesValue))
            {
                Error(fires, prefix + "expect.fires", $"'{fires.Value}' is not true or false");
            }

            double? expectedValue = null;
            if (value is not null)
            {
                if (double.TryParse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    expectedValue = v;
                }
                else
                {
                    Error(value, prefix + "expect.value", $"'{value.Value}' is not a number");
                }
            }

            int? expectedFirings = null;
            if (firings is not null)
            {
                if (int.TryParse(firings.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    expectedFirings = n;
                }
                else
                {
                    Error(firings, prefix + "expect.firings", $"'{firings.Value}' is not a whole number");
                }
            }

            if (name is not null && events is not null)
            {
                tests.Add(new RuleTestCase(name, events, firesValue, expectedValue, expectedFirings, Where(test)));
            }
        }

        return tests;
    }

    private string Template(YamlMappingNode mapping, string language)
    {
        if (Scalar(mapping, language, required: true, "reason.") is not { } node)
        {
            return "";
        }

        var text = node.Value ?? "";
        foreach (System.Text.RegularExpressions.Match m in RuleFileParser.Placeholder().Matches(text))
        {
            if (!LocalizedText.Placeholders.Contains(m.Groups[1].Value))
            {
                Error(node, "reason." + language, $"unknown placeholder {m.Value} (known: {string.Join(", ", LocalizedText.Placeholders.Select(p => "{" + p + "}"))})");
            }
        }

        if (text.Trim().Length == 0)
        {
            Error(node, "reason." + language, "is empty");
        }

        return text;
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

    private Located? Expression(YamlMappingNode mapping, string field, bool required, string prefix = "")
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

    private TimeSpan? Duration(YamlMappingNode mapping, string field, bool required, TimeSpan min, TimeSpan max, string prefix = "")
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

    private YamlScalarNode? Scalar(YamlMappingNode mapping, string field, bool required, string prefix = "")
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
    private SourceSpan ValueStart(YamlScalarNode node) => node.Style switch
    {
        ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted => Where(node).At(1),
        ScalarStyle.Literal or ScalarStyle.Folded => Where(node) with { Line = Where(node).Line + 1 },
        _ => Where(node),
    };

    private YamlNode? Node(string field) => Child(root, field);

    private static YamlNode? Child(YamlMappingNode mapping, string field) =>
        mapping.Children.TryGetValue(new YamlScalarNode(field), out var node) ? node : null;

    private void Error(YamlNode node, string field, string message) => errors.Add(new RuleError(Where(node), field, message));
}
