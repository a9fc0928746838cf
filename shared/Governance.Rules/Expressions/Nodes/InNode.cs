namespace Governance.Rules.Expressions.Nodes;

/// <summary><c>x in list</c>: a list literal or a JSON array; false when the list is null.</summary>
internal sealed class InNode(int position, Node item, Node list) : BooleanNode(position, item, list)
{
    public override bool IsTrue(RuleEvent e) => Operations.In(item.Evaluate(e), list.Evaluate(e), Position);
}
