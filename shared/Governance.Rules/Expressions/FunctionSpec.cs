namespace Governance.Rules.Expressions;

/// <summary>
/// A built-in function: its arity, the static types its first argument may have (<see cref="Accepts"/>) and
/// the others (<see cref="AcceptsRest"/>, the same when null); empty accepts anything, and Unknown and Null
/// are always accepted. Then its result type and its implementation. <c>coalesce</c>, <c>has</c> and <c>matches</c> are
/// bound specially by <see cref="Binder"/> (lazy, a field, a term list) and have no implementation here.
/// </summary>
internal sealed record FunctionSpec(
    string Name,
    int MinArguments,
    int MaxArguments,
    ExpressionType Result,
    ExpressionType[] Accepts,
    Func<Value, int, Value>? Unary = null,
    Func<Value, Value, int, Value>? Binary = null,
    ExpressionType[]? AcceptsRest = null);
