using Governance.Rules.Expressions.Nodes;

namespace Governance.Rules.Expressions;

/// <summary>
/// Builds checked nodes: resolves event fields and functions, and rejects what is wrong before any event
/// is seen (known types that cannot meet, unknown names, nesting beyond the limit). Records the attributes read.
/// </summary>
internal sealed partial class Binder(string source, ExpressionEnvironment environment)
{
    private readonly HashSet<string> _attributes = new(StringComparer.Ordinal);

    public IReadOnlySet<string> Attributes => _attributes;

    public static Node Literal(Token token) => new LiteralNode(token.Position, token.Kind switch
    {
        TokenKind.Number => Value.FromNumber(token.Number),
        TokenKind.String => Value.FromString(token.Text),
        TokenKind.True => Value.True,
        TokenKind.False => Value.False,
        _ => Value.Null,
    });

    public static Node Event(int position) => new EventNode(position);

    public Node Member(Node target, string name, int position)
    {
        switch (target)
        {
            case EventNode:
                return EventField(name, position, target.Position);
            case AttributeNode attribute:
                return Checked(attribute.Append(name));
            case { Type: ExpressionType.Unknown or ExpressionType.Object or ExpressionType.Null }:
                return Checked(new MemberNode(position, target, name));
            default:
                throw Error($"{Describe(target.Type)} has no fields, so '.{name}' is always null", position);
        }
    }

    public Node Index(Node target, Node index, int position)
    {
        if (target is EventNode)
        {
            return index is LiteralNode { Value.Kind: ValueKind.String } literal
                ? EventField(literal.Value.AsString(), index.Position, target.Position)
                : throw Error("event[...] needs a field name in quotes, e.g. event[\"order-id\"]", index.Position);
        }

        Require(target, "'[...]'", ExpressionType.List, ExpressionType.Object);
        Require(index, "an index", ExpressionType.Number, ExpressionType.String);
        return Checked(new IndexNode(position, target, index));
    }

    public Node Unary(Token op, Node operand)
    {
        if (op.Kind == TokenKind.Bang)
        {
            Require(operand, "'!'", ExpressionType.Bool);
            return Checked(new NotNode(op.Position, operand));
        }

        Require(operand, "'-'", ExpressionType.Number);
        return Checked(new NegateNode(op.Position, operand));
    }

    public Node Logical(bool isAnd, List<Node> operands, int position)
    {
        foreach (var operand in operands)
        {
            Require(operand, isAnd ? "'&&'" : "'||'", ExpressionType.Bool);
        }

        return Checked(new LogicalNode(position, isAnd, [.. operands]));
    }

    public Node Conditional(Node condition, Node whenTrue, Node whenFalse, int position)
    {
        Require(condition, "the condition of '?'", ExpressionType.Bool);
        var type = whenTrue.Type == whenFalse.Type || whenFalse.Type == ExpressionType.Null ? whenTrue.Type
            : whenTrue.Type == ExpressionType.Null ? whenFalse.Type
            : ExpressionType.Unknown;
        return Checked(new ConditionalNode(position, type, condition, whenTrue, whenFalse));
    }

    public Node List(List<Node> items, int position)
    {
        // A list of literals is a constant: built once, here.
        return items.All(i => i is LiteralNode)
            ? new LiteralNode(position, Value.FromList(items.Select(i => ((LiteralNode)i).Value)))
            : Checked(new ListNode(position, [.. items]));
    }

    public ExpressionException UnknownName(Token token) => Error(
        $"unknown name '{token.Text}': fields are read as event.{token.Text}, functions are called as name(...)"
        + Suggestions.DidYouMean(token.Text, ["event", "true", "false", "null"]),
        token.Position);

    /// <summary>A field of the event, positioned at the word <c>event</c> so errors point at the whole operand.</summary>
    private Node EventField(string name, int namePosition, int eventPosition)
    {
        if (CoreFieldNode.TryCreate(name, eventPosition) is { } core)
        {
            return core;
        }

        if (CoreFieldNode.Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) is { } spelled)
        {
            throw Error($"unknown field '{name}' (did you mean '{spelled}'?)", namePosition);
        }

        _attributes.Add(name);
        return new AttributeNode(eventPosition, [name]);
    }

    private T Checked<T>(T node)
        where T : Node => node.Depth > environment.MaxDepth
            ? throw Error($"expression nests too deeply (more than {environment.MaxDepth} levels)", node.Position)
            : node;

    /// <summary>Rejects a node whose static type is known and not one of <paramref name="allowed"/>; Unknown and Null pass.</summary>
    private void Require(Node node, string what, params ExpressionType[] allowed)
    {
        if (allowed.Length == 0 || node.Type is ExpressionType.Unknown or ExpressionType.Null || allowed.Contains(node.Type))
        {
            return;
        }

        var expected = string.Join(" or ", allowed.Select(Describe));
        throw Error($"{what} needs {expected}, got {Describe(node.Type)}", node.Position);
    }

    private static string Describe(ExpressionType type) => type switch
    {
        ExpressionType.Bool => "true/false",
        ExpressionType.List => "a list",
        ExpressionType.Object => "an object",
        ExpressionType.Unknown => "a value",
        ExpressionType.Null => "null",
        _ => "a " + type.ToString().ToLowerInvariant(),
    };

    private ExpressionException Error(string detail, int position) => new(detail, source, position);
}
