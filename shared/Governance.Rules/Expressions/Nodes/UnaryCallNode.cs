namespace Governance.Rules.Expressions.Nodes;

/// <summary>A built-in function of one argument (see <see cref="Functions"/>).</summary>
internal sealed class UnaryCallNode(int position, ExpressionType type, Func<Value, int, Value> function, Node argument)
    : Node(position, type, argument)
{
    public override Value Evaluate(RuleEvent e) => function(argument.Evaluate(e), Position);
}
