using DynamicExpresso;
using Governance.Rules;

namespace Governance.ExpressionBenchmarks;

/// <summary>DynamicExpresso.Core: C#-like syntax compiled to a LINQ lambda over <see cref="DxEvent"/>.</summary>
internal sealed class DynamicExpressoEngine : IEngine
{
    private readonly Interpreter _interpreter;

    public DynamicExpressoEngine()
    {
        var terms = new BenchmarkTermLists();
        _interpreter = new Interpreter(InterpreterOptions.Default);
        _interpreter.SetFunction("Matches", (Func<string?, string, bool>)((text, list) => text is not null && terms.Matches(text, list)));
    }

    public string Name => "DynamicExpresso 2.19.6";

    public object Adapt(RuleEvent e) => new DxEvent(e);

    public Func<object, bool> Compile(Condition condition)
    {
        var compiled = _interpreter.ParseAsDelegate<Func<DxEvent, bool>>(condition.DynamicExpresso, "e");
        return e => compiled((DxEvent)e);
    }
}
