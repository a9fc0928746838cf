namespace Governance.Rules.Expressions.Nodes;

/// <summary><c>+ - * / %</c> (and <c>+</c> of two strings).</summary>
internal sealed class ArithmeticNode(int position, ExpressionType type, Arithmetic op, Node left, Node right)
    : Node(position, type, left, right)
{
    public override Value Evaluate(RuleEvent e) => Operations.Arithmetic(left.Evaluate(e), right.Evaluate(e), op, Position);
}
