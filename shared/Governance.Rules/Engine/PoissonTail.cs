namespace Governance.Rules.Engine;

/// <summary>
/// P(N ≥ k) for N ~ Poisson(λ): the regularized lower incomplete gamma function P(k, λ), computed by its
/// series when λ &lt; k + 1 (where surprising counts live: accurate down to ~1e-300) and by a continued
/// fraction otherwise (Numerical Recipes, 3rd ed., §6.2). Pure and allocation-free.
/// </summary>
public static class PoissonTail
{
    private const double Epsilon = 1e-15;
    private const int MaxIterations = 100_000;

    /// <summary>Probability that a Poisson count with mean <paramref name="lambda"/> is at least <paramref name="k"/>.</summary>
    public static double AtLeast(double k, double lambda)
    {
        if (k <= 0 || double.IsNaN(k))
        {
            return 1;
        }

        if (lambda <= 0)
        {
            return 0;
        }

        return lambda < k + 1 ? LowerSeries(k, lambda) : 1 - UpperFraction(k, lambda);
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, 9 terms; relative error below 1e-15).</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection: Γ(x)Γ(1 − x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }

        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    // P(a, x) = e^{-x} x^a / Γ(a + 1) · Σ_{n≥0} x^n / ((a + 1)…(a + n)).
    private static double LowerSeries(double a, double x)
    {
        var term = 1 / a;
        var sum = term;
        for (var n = 1; n < MaxIterations; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (term < sum * Epsilon)
            {
                break;
            }
        }

        return Math.Min(1, Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a) + Math.Log(sum)));
    }

    // Q(a, x) = 1 − P(a, x) by Lentz's continued fraction.
    private static double UpperFraction(double a, double x)
    {
        const double tiny = 1e-300;
        var b = x + 1 - a;
        var c = 1 / tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = b + (an / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return Math.Clamp(Math.Exp(-x + (a * Math.Log(x)) - LogGamma(a)) * h, 0, 1);
    }
}
