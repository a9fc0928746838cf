namespace Governance.Rules.Expressions.Nodes;

/// <summary>A chain <c>a &amp;&amp; b &amp;&amp; c</c> or <c>a || b || c</c>, flat so long chains stay shallow; short-circuits.</summary>
internal sealed class LogicalNode(int position, bool isAnd, Node[] operands) : BooleanNode(position, operands)
{
    public override bool IsTrue(RuleEvent e)
    {
        foreach (var operand in operands)
        {
            if (operand.IsTrue(e) != isAnd)
            {
                return !isAnd;
            }
        }

        return isAnd;
    }
}
