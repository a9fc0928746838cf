namespace Governance.Rules.Expressions.Nodes;

/// <summary><c>==</c> and <c>!=</c>: values of different kinds are not equal; null equals only null.</summary>
internal sealed class EqualityNode(int position, bool negated, Node left, Node right) : BooleanNode(position, left, right)
{
    public override bool IsTrue(RuleEvent e) => Operations.AreEqual(left.Evaluate(e), right.Evaluate(e)) != negated;
}
