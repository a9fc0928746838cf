using Governance.Rules;
using Governance.Rules.Expressions;

namespace Governance.ExpressionBenchmarks;

/// <summary>Governance.Rules.Expressions; reads the <see cref="RuleEvent"/> as it is.</summary>
internal sealed class OwnEngine : IEngine
{
    private readonly ExpressionEnvironment _environment = new(new BenchmarkTermLists());

    public string Name => "ours: closure tree";

    public object Adapt(RuleEvent e) => e;

    public Func<object, bool> Compile(Condition condition)
    {
        var compiled = ExpressionCompiler.Compile(condition.Ours, _environment, ExpressionType.Bool);
        return e => compiled.IsTrue((RuleEvent)e);
    }
}
