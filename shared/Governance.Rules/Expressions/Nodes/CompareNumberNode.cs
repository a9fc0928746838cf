namespace Governance.Rules.Expressions.Nodes;

/// <summary>
/// <c>x &lt; 100</c> or <c>100 &lt; x</c>: compares doubles directly when <c>x</c> is a number; null is false;
/// anything else goes through <see cref="Operations.Compare"/>, which gives the same error as the general node.
/// </summary>
internal sealed class CompareNumberNode(int position, Comparison op, Node operand, double number, bool numberOnLeft)
    : BooleanNode(position, operand)
{
    public override bool IsTrue(RuleEvent e) => Compare(operand.Evaluate(e), number, numberOnLeft, op, Position);

    private static bool Compare(Value value, double number, bool numberOnLeft, Comparison op, int position)
    {
        if (value.Kind != ValueKind.Number)
        {
            return numberOnLeft
                ? Operations.Compare(Value.FromNumber(number), value, op, position)
                : Operations.Compare(value, Value.FromNumber(number), op, position);
        }

        var (x, y) = numberOnLeft ? (number, value.AsNumber()) : (value.AsNumber(), number);
        return op switch
        {
            Comparison.Less => x < y,
            Comparison.LessOrEqual => x <= y,
            Comparison.Greater => x > y,
            _ => x >= y,
        };
    }
}
