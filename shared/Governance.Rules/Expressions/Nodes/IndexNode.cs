namespace Governance.Rules.Expressions.Nodes;

/// <summary><c>x[i]</c>: a list item by 0-based number or an object field by string.</summary>
internal sealed class IndexNode(int position, Node target, Node index) : Node(position, ExpressionType.Unknown, target, index)
{
    public override Value Evaluate(RuleEvent e) => Operations.Index(target.Evaluate(e), index.Evaluate(e), Position);
}
