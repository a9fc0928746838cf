namespace Governance.ExpressionBenchmarks;

/// <summary>What one engine measured. Times are means; bytes are allocated on the measuring thread.</summary>
internal sealed record EngineResult(
    string Engine,
    double FirstCompileMicros,
    double CompileMicros,
    double AdaptNanos,
    double AdaptBytes,
    double EvalNanos,
    double EvalBytes,
    IReadOnlyList<double> ConditionNanos,
    IReadOnlyList<string> Disagreements)
{
    /// <summary>Per (event, rule) with the per-event adaptation shared by <paramref name="rules"/> rules.</summary>
    public double NanosWithAdaptation(int rules) => EvalNanos + AdaptNanos / rules;
}
