namespace Governance.Rules.Model;

/// <summary><c>aggregate:</c>: count, sum(expr), distinct(expr), ratio(a / b) or surprise(a / b), the filters named checked against <c>filters:</c>.</summary>
internal static class AggregateField
{
    public static (AggregateKind Kind, Located? Argument, (string, string)? Ratio) Read(Fields fields, IReadOnlyDictionary<string, Located> filters)
    {
        if (fields.Scalar(fields.Root, "aggregate", required: true) is not { } node)
        {
            return (AggregateKind.Count, null, null);
        }

        var text = (node.Value ?? "").Trim();
        var match = RuleFileParser.AggregateSyntax().Match(text);
        if (!match.Success)
        {
            fields.Error(node, "aggregate", $"'{text}' is not an aggregate: write count, sum(<expr>), distinct(<expr>), ratio(<filter> / <filter>) or surprise(<filter> / <filter>)");
            return (AggregateKind.Count, null, null);
        }

        var kind = Enum.Parse<AggregateKind>(match.Groups[1].Value, ignoreCase: true);
        var inner = match.Groups[3].Value.Trim();
        var innerOffset = match.Groups[3].Index + (match.Groups[3].Value.Length - match.Groups[3].Value.TrimStart().Length);
        switch (kind)
        {
            case AggregateKind.Count when match.Groups[2].Success:
                fields.Error(node, "aggregate", "count takes no argument (put the condition in 'when')");
                break;
            case AggregateKind.Sum or AggregateKind.Distinct when inner.Length == 0:
                fields.Error(node, "aggregate", $"{match.Groups[1].Value} needs an expression, e.g. {match.Groups[1].Value}(event.amount)");
                break;
            case AggregateKind.Sum or AggregateKind.Distinct:
                return (kind, new Located(inner, fields.ValueStart(node).At(innerOffset)), null);
            case AggregateKind.Ratio or AggregateKind.Surprise:
                var name = match.Groups[1].Value;
                var parts = inner.Split('/', StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || parts.Any(p => p.Length == 0))
                {
                    fields.Error(node, "aggregate", $"{name} needs two filter names: {name}(refunds / orders), with both under 'filters'");
                    break;
                }

                foreach (var part in parts.Where(p => !filters.ContainsKey(p)))
                {
                    var hint = RuleFileParser.Suggest(part, filters.Keys);
                    fields.Error(node, "aggregate", $"{name} uses '{part}', which is not under 'filters'" + (hint is null ? "" : $" (did you mean '{hint}'?)"));
                }

                return (kind, null, (parts[0], parts[1]));
        }

        return (kind, null, null);
    }
}
