using System.Linq.Expressions;

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

    public override Expression Emit(Emitter emitter)
    {
        // Right to left: v = a; v.IsNull ? (rest) : v.
        Expression result = Emitter.Constant(Value.Null);
        foreach (var argument in arguments.Reverse())
        {
            var v = Expression.Variable(typeof(Value));
            result = Expression.Block(
                [v],
                Expression.Assign(v, argument.Emit(emitter)),
                Expression.Condition(Emitter.Call(IsNull, v), result, v));
        }

        return result;
    }

    private static bool IsNull(Value value) => value.IsNull;
}
