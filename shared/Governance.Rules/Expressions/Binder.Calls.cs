using Governance.Rules.Expressions.Nodes;

namespace Governance.Rules.Expressions;

internal sealed partial class Binder
{
    public Node Call(string name, int position, List<Node> arguments)
    {
        if (!Functions.All.TryGetValue(name, out var spec))
        {
            var suggestion = Functions.Suggest(name) is { } match ? $" (did you mean '{match}'?)" : string.Empty;
            throw Error($"unknown function '{name}'{suggestion}", position);
        }

        if (arguments.Count < spec.MinArguments || arguments.Count > spec.MaxArguments)
        {
            throw Error($"'{name}' takes {Arity(spec)}, got {arguments.Count}", position);
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            Require(arguments[i], $"'{name}'", i == 0 ? spec.Accepts : spec.AcceptsRest ?? spec.Accepts);
        }

        return name switch
        {
            "coalesce" => Checked(new CoalesceNode(position, CommonType(arguments), [.. arguments])),
            "has" => Has(arguments[0], position),
            "matches" => Matches(arguments[0], arguments[1], position),
            // min(a, b, c) is min(min(a, b), c): no argument arrays at run time.
            _ when arguments.Count >= 2 => arguments.Skip(1).Aggregate(arguments[0], (acc, next) =>
                Checked(new BinaryCallNode(position, spec.Result, spec.Binary!, acc, next))),
            _ => Checked(new UnaryCallNode(position, spec.Result, spec.Unary!, arguments[0])),
        };
    }

    private UnaryCallNode Has(Node field, int position) => field is AttributeNode or CoreFieldNode or MemberNode or IndexNode
        ? Checked(new UnaryCallNode(position, ExpressionType.Bool, IsPresent, field))
        : throw Error("'has' needs a field, e.g. has(event.listPrice)", field.Position);

    private MatchesNode Matches(Node text, Node list, int position)
    {
        if (list is not LiteralNode { Value.Kind: ValueKind.String } literal)
        {
            throw Error("'matches' needs the name of a term list in quotes, e.g. matches(event.text, \"health-claims\")", list.Position);
        }

        var listName = literal.Value.AsString();
        if (environment.TermLists is not { } lists || !lists.Contains(listName))
        {
            var known = environment.TermListNames.Count == 0
                ? "no term list has that name"
                : $"'{listName}' is not one of: {string.Join(", ", environment.TermListNames)}";
            throw Error($"'matches' needs a term list name that exists: {known}", list.Position);
        }

        return Checked(new MatchesNode(position, lists, listName, text));
    }

    private static Value IsPresent(Value value, int position) => Value.FromBool(!value.IsNull);

    private static ExpressionType CommonType(List<Node> nodes)
    {
        var types = nodes.Select(n => n.Type).Where(t => t != ExpressionType.Null).Distinct().ToList();
        return types.Count switch
        {
            0 => ExpressionType.Null,
            1 => types[0],
            _ => ExpressionType.Unknown,
        };
    }

    private static string Arity(FunctionSpec spec) => (spec.MinArguments, spec.MaxArguments) switch
    {
        (1, 1) => "1 argument",
        var (min, max) when min == max => $"{min} arguments",
        var (min, max) when max - min == 1 => $"{min} or {max} arguments",
        var (min, max) => $"{min} to {max} arguments",
    };
}
