namespace Governance.Rules.Expressions.Nodes;

/// <summary>A constant: a literal, or a list of literals folded at compile time.</summary>
internal sealed class LiteralNode(int position, Value value) : Node(position, TypeOf(value))
{
    public Value Value => value;

    public override Value Evaluate(RuleEvent e) => value;

    private static ExpressionType TypeOf(Value value) => value.Kind switch
    {
        ValueKind.Null => ExpressionType.Null,
        ValueKind.Bool => ExpressionType.Bool,
        ValueKind.Number => ExpressionType.Number,
        ValueKind.String => ExpressionType.String,
        ValueKind.List => ExpressionType.List,
        ValueKind.Timestamp => ExpressionType.Timestamp,
        _ => ExpressionType.Object,
    };
}
