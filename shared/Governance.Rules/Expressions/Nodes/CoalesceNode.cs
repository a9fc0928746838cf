namespace Governance.Rules.Expressions.Nodes;

/// <summary><c>coalesce(a, b, ...)</c>: the first argument that is not null, evaluating no further.</summary>
internal sealed class CoalesceNode(int position, ExpressionType type, Node[] arguments) : Node(position, type, arguments)
{
    public override Value Evaluate(RuleEvent e)
    {
        foreach (var argument in arguments)
        {
            var value = argument.Evaluate(e);
            if (!value.IsNull)
            {
                return value;
            }
        }

        return Value.Null;
    }
}
