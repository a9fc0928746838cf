namespace Governance.Rules.Expressions.Nodes;

/// <summary>A list literal with computed items, e.g. <c>[event.deviceId, event.paymentFingerprint]</c>.</summary>
internal sealed class ListNode(int position, Node[] items) : Node(position, ExpressionType.List, items)
{
    public override Value Evaluate(RuleEvent e)
    {
        var values = new Value[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            values[i] = items[i].Evaluate(e);
        }

        return Value.FromArray(values);
    }
}
