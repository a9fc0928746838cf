namespace Governance.Rules.Expressions.Nodes;

/// <summary><c>c ? a : b</c>: a null condition takes <c>b</c>.</summary>
internal sealed class ConditionalNode(int position, ExpressionType type, Node condition, Node whenTrue, Node whenFalse)
    : Node(position, type, condition, whenTrue, whenFalse)
{
    public override Value Evaluate(RuleEvent e) => condition.IsTrue(e) ? whenTrue.Evaluate(e) : whenFalse.Evaluate(e);

    public override bool IsTrue(RuleEvent e) => condition.IsTrue(e) ? whenTrue.IsTrue(e) : whenFalse.IsTrue(e);
}
