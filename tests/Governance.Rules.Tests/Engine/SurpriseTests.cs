using Governance.Rules.Engine;
using Governance.Rules.Model;
using Governance.Rules.Packs;
using Governance.Rules.Windows;
using static Governance.Rules.Tests.Engine.TestRules;

namespace Governance.Rules.Tests.Engine;

public sealed class SurpriseTests
{
    internal const string Rule = """
        id: refund-surprise
        title: Refund surprise
        severity: high
        source: transaction
        when: event.type in ["order.placed", "order.refunded"]
        aggregate: surprise(refunds / orders)
        filters:
          refunds: event.type == "order.refunded"
          orders: event.type == "order.placed"
        expected: 0.05
        minimum: 5
        window: 1h
        threshold: "p < 1e-6"
        reason:
          en: "{count} refunds in {window} where {baseline} were expected (p = {value})"
          es: "{count} reembolsos en {window} cuando se esperaban {baseline} (p = {value})"
        """;

    [Theory]
    [InlineData(1, 0.5, 0.39346934028736658)] // 1 − e^−0.5
    [InlineData(4, 6, 0.84879611722335214)] // 1 − 61 e^−6
    [InlineData(3, 3, 0.57680991887315648)] // 1 − 8.5 e^−3
    [InlineData(10, 2, 4.6498075017263808e-5)] // values from mpmath at 40 digits
    public void PoissonTailMatchesTheDirectSum(double k, double lambda, double expected)
    {
        Assert.Equal(expected, PoissonTail.AtLeast(k, lambda), expected * 1e-9);
        Assert.Equal(expected, DirectTail((int)k, lambda), expected * 1e-9);
    }

    [Fact]
    public void PoissonTailStaysAccurateFarOutAndForLargeMeans()
    {
        // P(N ≥ 8 | 0.25) is dominated by its first term e^−0.25 0.25^8 / 8!.
        var first = Math.Exp(-0.25) * Math.Pow(0.25, 8) / 40320;
        Assert.InRange(PoissonTail.AtLeast(8, 0.25), first, first * 1.04);
        Assert.InRange(PoissonTail.AtLeast(100_000, 100_000), 0.49, 0.51);
        Assert.InRange(PoissonTail.AtLeast(101_000, 100_000), 1e-4, 1e-3); // ~3.2 standard deviations
        Assert.Equal(1, PoissonTail.AtLeast(0, 3));
        Assert.Equal(0, PoissonTail.AtLeast(2, 0));
        Assert.True(PoissonTail.AtLeast(60, 1) is > 0 and < 1e-80);
    }

    [Fact]
    public async Task ABusyShopWithAFewRefundsIsQuietAndASmallShopWithManyIsNot()
    {
        var rule = Compile();
        var busy = Enumerable.Range(0, 120).Select(i => Order($"b{i}", T0.AddSeconds(i * 25), creator: "busy"))
            .Concat(Enumerable.Range(0, 4).Select(i => Order($"br{i}", T0.AddMinutes(51 + i), "order.refunded", creator: "busy")));
        var small = Enumerable.Range(0, 5).Select(i => Order($"s{i}", T0.AddMinutes(i * 10), creator: "small"))
            .Concat(Enumerable.Range(0, 8).Select(i => Order($"sr{i}", T0.AddMinutes(51 + i), "order.refunded", creator: "small")));

        var firings = await EvaluateAsync(rule, [.. busy.Concat(small).OrderBy(e => e.OccurredAt)]);

        var firing = Assert.Single(firings);
        Assert.Equal("small", firing.Event.CreatorId);
        // λ = 0.05 × (5 + 1) = 0.3: P(N ≥ 5) ≈ 1.6e-5, P(N ≥ 6) ≈ 7.8e-7 is the first below 1e-6.
        Assert.Equal("sr5", firing.Event.EventId);
        Assert.Equal(6, firing.Count);
        Assert.Equal(0.3, firing.Baseline!.Value, 1e-12);
        Assert.Equal(PoissonTail.AtLeast(6, 0.3), firing.Value);
        Assert.True(firing.Value < 1e-6);
        Assert.Equal("6 refunds in 1h where 0.3 were expected (p = 7.8E-7)", SignalFactory.Render(rule.Definition.Reason.En, firing));
    }

    [Fact]
    public async Task NothingFiresBelowTheMinimumCountHoweverUnlikely()
    {
        var rule = Compile(Rule.Replace("minimum: 5", "minimum: 9", StringComparison.Ordinal));
        var refunds = Enumerable.Range(0, 8).Select(i => Order($"r{i}", T0.AddMinutes(i), "order.refunded")).ToList();

        Assert.Empty(await EvaluateAsync(rule, refunds));
        Assert.Single(await EvaluateAsync(Compile(), refunds));
    }

    [Theory]
    [InlineData("expected: 0.05\n", "", "expected: surprise needs the expected number")]
    [InlineData("threshold: \"p < 1e-6\"", "threshold: \">= 5\"", "threshold: a surprise rule compares a probability")]
    [InlineData("aggregate: surprise(refunds / orders)", "aggregate: surprise(refunds / order)", "surprise uses 'order', which is not under 'filters' (did you mean 'orders'?)")]
    public void AMiswrittenSurpriseRuleIsRejectedWithItsField(string from, string to, string message)
    {
        var compilation = RulePackCompiler.Compile(new RulePackFiles(new Dictionary<string, string> { ["refund-surprise.yaml"] = Rule.Replace(from, to, StringComparison.Ordinal) }));

        Assert.False(compilation.IsValid);
        Assert.Contains(compilation.Errors, e => e.ToString().Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithABaselineAShopsOwnHigherRateSetsTheExpectation()
    {
        // Two days at 20 orders and 4 refunds an hour, then an hour of 11 refunds: surprising at 5 %
        // of orders (λ = 1.05), ordinary at the shop's own 20 % (λ = 4.2).
        var history = Enumerable.Range(0, 48).SelectMany(h =>
            Enumerable.Range(0, 20).Select(i => Order($"o{h}-{i}", T0.AddHours(h).AddMinutes(i * 3)))
                .Concat(Enumerable.Range(0, 4).Select(i => Order($"r{h}-{i}", T0.AddHours(h).AddMinutes((i * 15) + 1), "order.refunded"))));
        var heavy = Enumerable.Range(0, 20).Select(i => Order($"o48-{i}", T0.AddHours(48).AddMinutes(i * 3)))
            .Concat(Enumerable.Range(0, 11).Select(i => Order($"r48-{i}", T0.AddHours(48).AddMinutes((i * 5) + 1), "order.refunded")));
        var events = history.Concat(heavy).OrderBy(e => e.OccurredAt).ToList();

        var platformOnly = await EvaluateAsync(Compile(), events);
        var withBaseline = await EvaluateAsync(Compile(Rule.Replace("minimum: 5", "minimum: 5\nbaseline: { history: 7d }", StringComparison.Ordinal)), events);

        Assert.NotEmpty(platformOnly);
        Assert.Empty(withBaseline);
    }

    [Theory]
    [InlineData(0, 0, 0, 0, 0.05)] // a new shop: the platform rate
    [InlineData(0, 0, 2, 1000, 0.05)] // a shop whose own rate looks lower keeps the platform rate
    [InlineData(0, 0, 200, 1000, 0.19)] // 200 refunds on 1,000 orders, with 2 refunds on 40 orders of prior: (200 + 2) / (1000 + 40)
    [InlineData(5, 20, 205, 1020, 0.19)] // the window's own events are not its history
    public void TheBlendedRateIsTheShopsOwnAboveThePlatformRate(double k, double n, double kHistory, double nHistory, double rate)
    {
        var rule = Compile(Rule.Replace("minimum: 5", "minimum: 5\nbaseline: { history: 7d }", StringComparison.Ordinal)).Definition;

        Assert.Equal(rate, SurpriseTest.BlendedRate(rule, k, n, kHistory, nHistory), 0.005);
    }

    [Theory]
    [InlineData("baseline: { history: 7d, factor: 3 }", "baseline.factor: a surprise rule's baseline is a rate, not a factor")]
    [InlineData("baseline: { history: 7d, prior: -1 }", "baseline.prior: '-1' is not a positive number")]
    [InlineData("baseline: { history: 90m }", "baseline.history: must be a whole multiple of the window")]
    public void AMiswrittenSurpriseBaselineIsRejected(string baseline, string message)
    {
        var compilation = RulePackCompiler.Compile(new RulePackFiles(new Dictionary<string, string> { ["refund-surprise.yaml"] = Rule.Replace("minimum: 5", "minimum: 5\n" + baseline, StringComparison.Ordinal) }));

        Assert.False(compilation.IsValid);
        Assert.Contains(compilation.Errors, e => e.ToString().Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void PriorBelongsToASurpriseBaselineOnly()
    {
        var yaml = Rule.Replace("aggregate: surprise(refunds / orders)", "aggregate: count", StringComparison.Ordinal)
            .Replace("threshold: \"p < 1e-6\"", "threshold: \">= 5\"", StringComparison.Ordinal)
            .Replace("expected: 0.05\nminimum: 5\n", "baseline: { history: 7d, factor: 3, prior: 40 }\n", StringComparison.Ordinal)
            .Replace("filters:\n  refunds: event.type == \"order.refunded\"\n  orders: event.type == \"order.placed\"\n", "", StringComparison.Ordinal);

        var compilation = RulePackCompiler.Compile(new RulePackFiles(new Dictionary<string, string> { ["refund-surprise.yaml"] = yaml }));

        Assert.Contains(compilation.Errors, e => e.ToString().Contains("baseline.prior: only applies to surprise aggregates", StringComparison.Ordinal));
    }

    [Fact]
    public void ExpectedBelongsToSurpriseOnly()
    {
        var yaml = Rule.Replace("aggregate: surprise(refunds / orders)", "aggregate: ratio(refunds / orders)", StringComparison.Ordinal).Replace("threshold: \"p < 1e-6\"", "threshold: \">= 0.5\"", StringComparison.Ordinal);

        var compilation = RulePackCompiler.Compile(new RulePackFiles(new Dictionary<string, string> { ["refund-surprise.yaml"] = yaml }));

        Assert.Contains(compilation.Errors, e => e.ToString().Contains("expected: only applies to surprise aggregates", StringComparison.Ordinal));
    }

    internal static CompiledRule Compile(string yaml = Rule)
    {
        var compilation = RulePackCompiler.Compile(new RulePackFiles(new Dictionary<string, string> { ["refund-surprise.yaml"] = yaml }));
        Assert.True(compilation.IsValid, string.Join("\n", compilation.Errors));
        return Assert.Single(compilation.Pack!.Rules);
    }

    private static async Task<IReadOnlyList<RuleFiring>> EvaluateAsync(CompiledRule rule, IReadOnlyList<RuleEvent> events) =>
        (await new RuleEngine(new ExactWindowStore(new WindowStoreOptions())).EvaluateAsync(new RulePack("test", [rule]), events, new EngineCounters(), CancellationToken.None)).Firings;

    private static double DirectTail(int k, double lambda)
    {
        double below = 0, term = Math.Exp(-lambda);
        for (var i = 0; i < k; i++)
        {
            below += term;
            term *= lambda / (i + 1);
        }

        return 1 - below;
    }
}
