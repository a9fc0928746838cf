namespace Governance.Rules.Expressions.Nodes;

/// <summary>A built-in function of two arguments (see <see cref="Functions"/>).</summary>
internal sealed class BinaryCallNode(int position, ExpressionType type, Func<Value, Value, int, Value> function, Node left, Node right)
    : Node(position, type, left, right)
{
    public override Value Evaluate(RuleEvent e) => function(left.Evaluate(e), right.Evaluate(e), Position);
}
