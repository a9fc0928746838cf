using Governance.Rules;

namespace Governance.ExpressionBenchmarks;

/// <summary>An expression engine under test: how it sees an event, and how it compiles a condition.</summary>
internal interface IEngine
{
    string Name { get; }

    /// <summary>The per-event work before any rule can run (once per event, shared by all rules).</summary>
    object Adapt(RuleEvent e);

    Func<object, bool> Compile(Condition condition);
}
