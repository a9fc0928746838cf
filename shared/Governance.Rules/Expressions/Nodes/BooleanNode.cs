namespace Governance.Rules.Expressions.Nodes;

/// <summary>A node whose result is always true or false: it computes <see cref="Node.IsTrue"/> directly.</summary>
internal abstract class BooleanNode(int position, params IEnumerable<Node> children)
    : Node(position, ExpressionType.Bool, children)
{
    public abstract override bool IsTrue(RuleEvent e);

    public sealed override Value Evaluate(RuleEvent e) => Value.FromBool(IsTrue(e));
}
