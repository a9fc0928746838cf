namespace Governance.SampleData;

/// <summary>Draws ranks 0..n-1 with probability ∝ 1/(rank+1)^s (a few creators are very busy, most are quiet).</summary>
internal sealed class ZipfSampler
{
    private readonly double[] _cumulative;
    private readonly Random _random;

    public ZipfSampler(int n, double exponent, Random random)
    {
        _random = random;
        _cumulative = new double[n];
        double sum = 0;
        for (var rank = 0; rank < n; rank++)
        {
            sum += 1 / Math.Pow(rank + 1, exponent);
            _cumulative[rank] = sum;
        }

        for (var rank = 0; rank < n; rank++)
        {
            _cumulative[rank] /= sum;
        }
    }

    public int Next()
    {
        var index = Array.BinarySearch(_cumulative, _random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }
}
