namespace Governance.Rules.Expressions.Nodes;

/// <summary><c>x.name</c> on a computed object, e.g. <c>coalesce(event.shipping, event.billing).country</c>.</summary>
internal sealed class MemberNode(int position, Node target, string name) : Node(position, ExpressionType.Unknown, target)
{
    public override Value Evaluate(RuleEvent e) => Operations.Member(target.Evaluate(e), name);
}
