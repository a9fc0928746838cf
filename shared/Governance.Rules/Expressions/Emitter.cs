using System.Linq.Expressions;

namespace Governance.Rules.Expressions;

/// <summary>Builds the System.Linq.Expressions back end: calls to the same static operations the closure tree uses.</summary>
internal sealed class Emitter
{
    /// <summary>The event parameter of the compiled lambda.</summary>
    public ParameterExpression Event { get; } = Expression.Parameter(typeof(RuleEvent), "e");

    /// <summary>A call of a static method given as a method group (never a lambda, which would be an instance method).</summary>
    public static Expression Call(Delegate method, params Expression[] arguments)
    {
        if (method.Target is not null || !method.Method.IsStatic)
        {
            throw new InvalidOperationException($"{method.Method.Name} must be a static method");
        }

        return Expression.Call(method.Method, arguments);
    }

    public static Expression Constant<T>(T value) => Expression.Constant(value, typeof(T));

    public Func<RuleEvent, Value> Compile(Expression body) =>
        Expression.Lambda<Func<RuleEvent, Value>>(body, Event).Compile();

    public Func<RuleEvent, bool> CompileTruth(Expression body) =>
        Expression.Lambda<Func<RuleEvent, bool>>(body, Event).Compile();
}
