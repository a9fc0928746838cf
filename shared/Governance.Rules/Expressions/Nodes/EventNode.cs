namespace Governance.Rules.Expressions.Nodes;

/// <summary>The word <c>event</c> before <c>.</c> or <c>[</c>; the binder turns it into a field at once, so it is never evaluated.</summary>
internal sealed class EventNode(int position) : Node(position, ExpressionType.Object)
{
    public override Value Evaluate(RuleEvent e) => throw new InvalidOperationException("'event' is never a value");
}
