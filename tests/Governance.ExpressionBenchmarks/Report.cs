using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Governance.ExpressionBenchmarks;

/// <summary>Prints the results as Markdown tables, ready for docs/expression-engines.md.</summary>
internal static class Report
{
    private const double LimitNanos = 1000;

    public static string Format(IReadOnlyList<EngineResult> results, IReadOnlyList<Condition> conditions, int events)
    {
        var text = new StringBuilder();
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim()
            : null;
        Line(text, $"machine: {Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
        Line(text, $"workload: {conditions.Count} conditions x {events} events; limit {LimitNanos:0} ns per (event, rule)");
        Line(text, string.Empty);
        Line(text, "| engine | ns/eval | B/eval | adapt ns/event | adapt B/event | ns/eval incl. adapt (11 rules) | vs 1 µs limit | compile µs (warm) | first compile µs | disagreements |");
        Line(text, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            var total = r.NanosWithAdaptation(conditions.Count);
            Line(text, $"| {r.Engine} | {r.EvalNanos:0.0} | {r.EvalBytes:0.0} | {r.AdaptNanos:0} | {r.AdaptBytes:0} | {total:0.0} | {total / LimitNanos:0.000}x | {r.CompileMicros:0.0} | {r.FirstCompileMicros:0} | {r.Disagreements.Count} |");
        }

        Line(text, string.Empty);
        Line(text, "ns per evaluation, by condition:");
        Line(text, string.Empty);
        Line(text, "| condition | " + string.Join(" | ", results.Select(r => r.Engine)) + " |");
        Line(text, "| --- |" + string.Concat(results.Select(_ => " ---: |")));
        for (var i = 0; i < conditions.Count; i++)
        {
            Line(text, $"| {conditions[i].Name} | " + string.Join(" | ", results.Select(r => r.ConditionNanos[i].ToString("0.0", CultureInfo.InvariantCulture))) + " |");
        }

        foreach (var r in results.Where(r => r.Disagreements.Count > 0))
        {
            Line(text, string.Empty);
            Line(text, $"{r.Engine} disagrees with the reference ({r.Disagreements.Count}), first ones:");
            foreach (var d in r.Disagreements.Take(5))
            {
                Line(text, "  " + d);
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(CultureInfo.InvariantCulture, $"{line}\n");
}
