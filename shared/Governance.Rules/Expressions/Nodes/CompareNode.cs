namespace Governance.Rules.Expressions.Nodes;

/// <summary><c>&lt; &lt;= &gt; &gt;=</c>: false when either side is null.</summary>
internal sealed class CompareNode(int position, Comparison op, Node left, Node right) : BooleanNode(position, left, right)
{
    public override bool IsTrue(RuleEvent e) => Operations.Compare(left.Evaluate(e), right.Evaluate(e), op, Position);
}
