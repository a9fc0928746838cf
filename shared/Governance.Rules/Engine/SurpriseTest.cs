using System.Globalization;
using Governance.Rules.Model;

namespace Governance.Rules.Engine;

/// <summary>
/// The <c>surprise(a / b)</c> aggregate: with k events of filter <c>a</c> and n of filter <c>b</c> in the
/// window, and a rate of a-events per b-event (<c>expected</c>, or with a <c>baseline</c> the creator's
/// own rate blended with it: <see cref="BlendedRate"/>), the expected count is λ = rate × (n + 1) and the
/// value is p = P(N ≥ k) for N ~ Poisson(λ). The rule fires when p passes its threshold (<c>p &lt; 1e-6</c>)
/// and k ≥ <c>minimum</c>. The "+ 1" is one pseudo-event of exposure, so a window without b-events still
/// has a non-zero expectation: refunds on a shop with no orders this hour are unlikely, not impossible.
/// </summary>
public static class SurpriseTest
{
    // P(N ≥ k) for k ≤ λ is above 0.3 for every Poisson mean (the median is within [λ − ln 2, λ + 1/3]).
    private const double ObviouslyUnsurprising = 0.3;

    private const double OutlierLevel = 1e-3;

    /// <summary>Decides a surprise rule on the window's counts; <paramref name="count"/> is k, <paramref name="expectedCount"/> λ.</summary>
    public static bool Crosses(RuleDefinition rule, double rate, bool movedNumerator, double numerator, double denominator, out double p, out double? count, out double? expectedCount)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var lambda = rate * (denominator + 1);
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

    /// <summary>
    /// Whether a count of <paramref name="count"/> where <paramref name="expectedCount"/> were expected
    /// is an outlier (P(N ≥ k) &lt; 0.001) that peer statistics leave out; <paramref name="p"/> is the
    /// tail <see cref="Crosses"/> computed, or 1 when it stopped early.
    /// </summary>
    public static bool IsOutlier(double count, double expectedCount, double p) =>
        p < OutlierLevel || (count > expectedCount && p >= 1 && PoissonTail.AtLeast(count, expectedCount) < OutlierLevel);

    /// <summary>
    /// The expected rate of a surprise rule with a baseline: the creator's own numerator and
    /// denominator events before the window (history minus window), blended with the prior rate
    /// counted as <c>prior</c> denominator events (default 2 / expected: two expected numerator
    /// events), never below <c>expected</c>. The prior rate is the creator's peer group's
    /// (<paramref name="peerRate"/>, creators of similar volume) when that is above <c>expected</c>.
    /// A new creator, or a new rule's fresh state, gets its peers' rate; a busy shop whose own refund
    /// rate is 20 % is judged against 20 %. A shop whose own rate looks lower keeps the prior's floor:
    /// refunds and chargebacks trail their orders by hours or days, so right after a sales peak the
    /// own rate is too low and its late refunds would all look surprising.
    /// </summary>
    public static double BlendedRate(RuleDefinition rule, double numerator, double denominator, double numeratorHistory, double denominatorHistory, double? peerRate = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var expected = rule.Expected ?? 0;
        if (expected <= 0)
        {
            return 0;
        }

        var prior = rule.Baseline?.Prior ?? 2 / expected;
        var priorRate = Math.Max(expected, peerRate ?? 0);
        var ownNumerator = Math.Max(0, numeratorHistory - numerator);
        var ownDenominator = Math.Max(0, denominatorHistory - denominator);
        return Math.Max(expected, (ownNumerator + (prior * priorRate)) / (ownDenominator + prior));
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
