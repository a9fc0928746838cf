namespace Governance.Rules.Expressions.Nodes;

/// <summary><c>-x</c>.</summary>
internal sealed class NegateNode(int position, Node operand) : Node(position, ExpressionType.Number, operand)
{
    public override Value Evaluate(RuleEvent e) => Operations.Negate(operand.Evaluate(e), Position);
}
