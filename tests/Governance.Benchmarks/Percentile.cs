namespace Governance.Benchmarks;

/// <summary>Nearest-rank percentiles of sorted samples.</summary>
internal static class Percentile
{
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
