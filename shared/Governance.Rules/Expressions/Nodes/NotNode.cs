namespace Governance.Rules.Expressions.Nodes;

/// <summary><c>!x</c>: null counts as false, so <c>!null</c> is true.</summary>
internal sealed class NotNode(int position, Node operand) : BooleanNode(position, operand)
{
    public override bool IsTrue(RuleEvent e) => !operand.IsTrue(e);
}
