using System.Globalization;
using Governance.Rules.Model;

namespace Governance.Rules.Engine;

/// <summary>
/// The <c>surprise(a / b)</c> aggregate: with k events of filter <c>a</c> and n of filter <c>b</c> in the
/// window, and <c>expected</c> a-events per b-event, the expected count is λ = expected × (n + 1) and the
/// value is p = P(N ≥ k) for N ~ Poisson(λ). The rule fires when p passes its threshold (<c>p &lt; 1e-6</c>)
/// and k ≥ <c>minimum</c>. The "+ 1" is one pseudo-event of exposure, so a window without b-events still
/// has a non-zero expectation: refunds on a shop with no orders this hour are unlikely, not impossible.
/// </summary>
public static class SurpriseTest
{
    // P(N ≥ k) for k ≤ λ is above 0.3 for every Poisson mean (the median is within [λ − ln 2, λ + 1/3]).
    private const double ObviouslyUnsurprising = 0.3;

    /// <summary>Decides a surprise rule on the window's counts; <paramref name="count"/> is k, <paramref name="expectedCount"/> λ.</summary>
    public static bool Crosses(RuleDefinition rule, bool movedNumerator, double numerator, double denominator, out double p, out double? count, out double? expectedCount)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var lambda = (rule.Expected ?? 0) * (denominator + 1);
        (count, expectedCount, p) = (numerator, lambda, 1);

        // Like ratio, signal on the events that move the numerator; the denominator only sets the scale.
        if (!movedNumerator || numerator < Math.Max(1, rule.Minimum))
        {
            return false;
        }

        // At or below its expectation a count is never surprising (P(N ≥ k) is about one half or more
        // when k ≤ λ): a busy shop's refunds skip the tail, which keeps the hot path cheap.
        if (numerator <= lambda && rule.Threshold.Limit <= ObviouslyUnsurprising)
        {
            return false;
        }

        // p ≥ P(N = k): when that one term is already above the limit, the tail cannot pass "p < limit"
        // (one log-gamma instead of a series; most refunds of a shop near its usual rate stop here).
        if (-lambda + (numerator * Math.Log(lambda)) - PoissonTail.LogGamma(numerator + 1) > Math.Log(rule.Threshold.Limit))
        {
            return false;
        }

        p = PoissonTail.AtLeast(numerator, lambda);
        return rule.Threshold.IsMet(p);
    }

    /// <summary>Adds the errors of a surprise rule written wrong (and of <c>expected</c> on another aggregate).</summary>
    public static void Check(RuleDefinition rule, SourceSpan at, List<RuleError> errors)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(errors);
        if (rule.Aggregate != AggregateKind.Surprise)
        {
            if (rule.Expected is not null)
            {
                errors.Add(new RuleError(at, "expected", "only applies to surprise aggregates"));
            }

            return;
        }

        if (rule.Expected is null)
        {
            errors.Add(new RuleError(at, "expected", "surprise needs the expected number of numerator events per denominator event, e.g. expected: 0.05"));
        }

        if (rule.Threshold.Operator is not ("<" or "<=") || rule.Threshold.Limit is <= 0 or >= 1)
        {
            errors.Add(new RuleError(at, "threshold", string.Create(CultureInfo.InvariantCulture, $"a surprise rule compares a probability: write \"p < 1e-6\" (got \"{rule.Threshold}\")")));
        }
    }
}
