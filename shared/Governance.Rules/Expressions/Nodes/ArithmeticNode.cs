using System.Linq.Expressions;

namespace Governance.Rules.Expressions.Nodes;

/// <summary><c>+ - * / %</c> (and <c>+</c> of two strings).</summary>
internal sealed class ArithmeticNode(int position, ExpressionType type, Arithmetic op, Node left, Node right)
    : Node(position, type, left, right)
{
    public override Value Evaluate(RuleEvent e) => Operations.Arithmetic(left.Evaluate(e), right.Evaluate(e), op, Position);

    public override Expression Emit(Emitter emitter) => Emitter.Call(
        Operations.Arithmetic, left.Emit(emitter), right.Emit(emitter), Emitter.Constant(op), Emitter.Constant(Position));
}
