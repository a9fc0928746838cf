using Governance.Rules;
using Governance.Rules.Expressions;

namespace Governance.ExpressionBenchmarks;

/// <summary>Governance.Rules.Expressions with one of its back ends; reads the <see cref="RuleEvent"/> as it is.</summary>
internal sealed class OwnEngine(ExpressionBackend backend) : IEngine
{
    private readonly ExpressionEnvironment _environment = new(new BenchmarkTermLists()) { Backend = backend };

    public string Name => backend == ExpressionBackend.ClosureTree ? "ours: closure tree" : "ours: compiled lambda";

    public object Adapt(RuleEvent e) => e;

    public Func<object, bool> Compile(Condition condition)
    {
        var compiled = ExpressionCompiler.Compile(condition.Ours, _environment, ExpressionType.Bool);
        return e => compiled.IsTrue((RuleEvent)e);
    }
}
