namespace Governance.Rules.Expressions.Nodes;

/// <summary>
/// A checked node of an expression that evaluates itself: the compiled expression is the tree of nodes
/// (no code generation; docs/expression-engines.md).
/// </summary>
internal abstract class Node
{
    protected Node(int position, ExpressionType type, params IEnumerable<Node> children)
    {
        Position = position;
        Type = type;
        Depth = 1 + children.Select(c => c.Depth).DefaultIfEmpty(0).Max();
    }

    /// <summary>0-based offset of the operator, function or field in the expression.</summary>
    public int Position { get; }

    /// <summary>The static type.</summary>
    public ExpressionType Type { get; }

    /// <summary>Height of the tree below and including this node.</summary>
    public int Depth { get; }

    public abstract Value Evaluate(RuleEvent e);

    /// <summary>The value as a condition (null is false); boolean nodes override it to skip the <see cref="Value"/>.</summary>
    public virtual bool IsTrue(RuleEvent e) => Operations.Truth(Evaluate(e), Position);
}
