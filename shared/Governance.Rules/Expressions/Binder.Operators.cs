using Governance.Rules.Expressions.Nodes;

namespace Governance.Rules.Expressions;

internal sealed partial class Binder
{
    public Node Binary(Token op, Node left, Node right)
    {
        var position = op.Position;
        switch (op.Kind)
        {
            case TokenKind.EqualEqual or TokenKind.NotEqual:
                if (Known(left) && Known(right) && left.Type != right.Type)
                {
                    throw Error(
                        $"cannot compare {Describe(left.Type)} with {Describe(right.Type)}: '{op.Text}' would always be {(op.Kind == TokenKind.NotEqual ? "true" : "false")}",
                        position);
                }

                var negated = op.Kind == TokenKind.NotEqual;
                return Checked((Node?)FastEquality(negated, left, right, position) ?? new EqualityNode(position, negated, left, right));
            case TokenKind.In:
                Require(right, "'in'", ExpressionType.List);
                return Checked((Node?)FastIn(left, right, position) ?? new InNode(position, left, right));
            case TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual:
                CheckOrdered(op, left, right);
                var comparison = op.Kind switch
                {
                    TokenKind.Less => Comparison.Less,
                    TokenKind.LessOrEqual => Comparison.LessOrEqual,
                    TokenKind.Greater => Comparison.Greater,
                    _ => Comparison.GreaterOrEqual,
                };
                return Checked((Node?)FastCompare(comparison, left, right, position) ?? new CompareNode(position, comparison, left, right));
            default:
                var arithmetic = op.Kind switch
                {
                    TokenKind.Plus => Arithmetic.Add,
                    TokenKind.Minus => Arithmetic.Subtract,
                    TokenKind.Star => Arithmetic.Multiply,
                    TokenKind.Slash => Arithmetic.Divide,
                    _ => Arithmetic.Modulo,
                };
                return Checked(new ArithmeticNode(position, ArithmeticType(op, left, right), arithmetic, left, right));
        }
    }

    private void CheckOrdered(Token op, Node left, Node right)
    {
        if (left.Type == ExpressionType.Null || right.Type == ExpressionType.Null)
        {
            throw Error($"'{op.Text}' with null is always false: use '== null' or '!= null'", op.Position);
        }

        Require(left, $"'{op.Text}'", ExpressionType.Number, ExpressionType.String, ExpressionType.Timestamp);
        Require(right, $"'{op.Text}'", ExpressionType.Number, ExpressionType.String, ExpressionType.Timestamp);
        if (Known(left) && Known(right) && left.Type != right.Type)
        {
            throw Error($"cannot compare {Describe(left.Type)} with {Describe(right.Type)} using '{op.Text}'", op.Position);
        }
    }

    /// <summary><c>+</c> adds numbers or joins strings; the other operators take numbers only.</summary>
    private ExpressionType ArithmeticType(Token op, Node left, Node right)
    {
        if (left.Type == ExpressionType.Null || right.Type == ExpressionType.Null)
        {
            throw Error($"'{op.Text}' with null is always null", op.Position);
        }

        if (op.Kind != TokenKind.Plus)
        {
            Require(left, $"'{op.Text}'", ExpressionType.Number);
            Require(right, $"'{op.Text}'", ExpressionType.Number);
            return ExpressionType.Number;
        }

        Require(left, "'+'", ExpressionType.Number, ExpressionType.String);
        Require(right, "'+'", ExpressionType.Number, ExpressionType.String);
        if (Known(left) && Known(right) && left.Type != right.Type)
        {
            throw Error($"cannot add {Describe(left.Type)} and {Describe(right.Type)}: use string(x) to join text", op.Position);
        }

        return Known(left) ? left.Type : right.Type;
    }

    private static bool Known(Node node) => node.Type is not (ExpressionType.Unknown or ExpressionType.Null);
}
