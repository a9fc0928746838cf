using System.Diagnostics;
using Governance.Rules;

namespace Governance.ExpressionBenchmarks;

/// <summary>
/// A Stopwatch harness: compile, adapt and evaluate each engine on the same events and conditions, after a
/// warm-up long enough for tiered JIT to reach its optimized code; checks every engine agrees with the reference.
/// </summary>
internal sealed class Harness(IReadOnlyList<RuleEvent> events, IReadOnlyList<Condition> conditions, TimeSpan budget)
{
    private bool[,]? _reference;

    public EngineResult Run(IEngine engine)
    {
        var sw = Stopwatch.StartNew();
        var compiled = conditions.Select(engine.Compile).ToArray();
        var firstCompile = sw.Elapsed.TotalMicroseconds / conditions.Count;
        var compile = Measure(() => { foreach (var c in conditions) { engine.Compile(c); } }, TimeSpan.FromMilliseconds(300)).Nanos / 1000 / conditions.Count;

        var adapted = events.Select(engine.Adapt).ToArray();
        var adapt = Measure(() => { foreach (var e in events) { engine.Adapt(e); } }, budget / 4);

        var disagreements = Check(engine, adapted, compiled);
        var all = Measure(() => EvaluateAll(adapted, compiled), budget);
        var perCondition = compiled
            .Select(f => Measure(() => EvaluateAll(adapted, [f]), budget / 8).Nanos / adapted.Length)
            .ToArray();

        return new EngineResult(
            engine.Name, firstCompile, compile,
            adapt.Nanos / events.Count, adapt.Bytes / events.Count,
            all.Nanos / (adapted.Length * compiled.Length), all.Bytes / (adapted.Length * compiled.Length),
            perCondition, disagreements);
    }

    private static int EvaluateAll(object[] adapted, Func<object, bool>[] compiled)
    {
        var hits = 0;
        foreach (var e in adapted)
        {
            foreach (var f in compiled)
            {
                hits += f(e) ? 1 : 0;
            }
        }

        return hits;
    }

    private List<string> Check(IEngine engine, object[] adapted, Func<object, bool>[] compiled)
    {
        var first = _reference is null;
        _reference ??= new bool[adapted.Length, compiled.Length];
        var disagreements = new List<string>();
        for (var i = 0; i < adapted.Length; i++)
        {
            for (var j = 0; j < compiled.Length; j++)
            {
                try
                {
                    var result = compiled[j](adapted[i]);
                    if (first)
                    {
                        _reference[i, j] = result;
                    }
                    else if (result != _reference[i, j])
                    {
                        disagreements.Add($"{conditions[j].Name} on {events[i].EventId}: {result}");
                    }
                }
                catch (Exception ex)
                {
                    disagreements.Add($"{conditions[j].Name} on {events[i].EventId}: {ex.GetType().Name} {ex.Message}");
                }
            }
        }

        return disagreements;
    }

    /// <summary>Warms up for a third of the budget, then repeats <paramref name="action"/> for the rest; per-call means.</summary>
    private static (double Nanos, double Bytes) Measure(Action action, TimeSpan budget)
    {
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < budget / 3)
        {
            action();
        }

        var calls = 0L;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < budget * 2 / 3)
        {
            action();
            calls++;
        }

        var elapsed = sw.Elapsed;
        return (elapsed.TotalNanoseconds / calls, (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)calls);
    }
}
