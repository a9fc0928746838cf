using Governance.Rules.Expressions.Nodes;

namespace Governance.Rules.Expressions;

/// <summary>
/// Specialized nodes for the shapes most rule conditions are made of (measured in
/// docs/expression-engines.md); each keeps exactly the semantics of the general node it replaces.
/// </summary>
internal sealed partial class Binder
{
    /// <summary><c>event.type == "x"</c>, <c>"x" != event.source</c>.</summary>
    private static StringFieldInNode? FastEquality(bool negated, Node left, Node right, int position) =>
        (left, right) switch
        {
            (CoreFieldNode { ReadString: { } read }, LiteralNode { Value.Kind: ValueKind.String } s) => new StringFieldInNode(position, read, [s.Value.AsString()], negated),
            (LiteralNode { Value.Kind: ValueKind.String } s, CoreFieldNode { ReadString: { } read }) => new StringFieldInNode(position, read, [s.Value.AsString()], negated),
            _ => null,
        };

    /// <summary><c>event.type in ["a", "b"]</c> with a list of string literals.</summary>
    private static StringFieldInNode? FastIn(Node item, Node list, int position)
    {
        if (item is not CoreFieldNode { ReadString: { } read } || list is not LiteralNode { Value.Kind: ValueKind.List } literal)
        {
            return null;
        }

        var strings = new string[literal.Value.Count];
        for (var i = 0; i < strings.Length; i++)
        {
            if (literal.Value.ItemAt(i) is not { Kind: ValueKind.String } s)
            {
                return null;
            }

            strings[i] = s.AsString();
        }

        return new StringFieldInNode(position, read, strings, negated: false);
    }

    /// <summary><c>x &gt;= 100</c> and <c>100 &lt;= x</c>.</summary>
    private static CompareNumberNode? FastCompare(Comparison op, Node left, Node right, int position) => (left, right) switch
    {
        (_, LiteralNode { Value.Kind: ValueKind.Number } n) => new CompareNumberNode(position, op, left, n.Value.AsNumber(), numberOnLeft: false),
        (LiteralNode { Value.Kind: ValueKind.Number } n, _) => new CompareNumberNode(position, op, right, n.Value.AsNumber(), numberOnLeft: true),
        _ => null,
    };
}
