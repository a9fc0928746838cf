using Governance.Rules.Engine;
using Governance.Rules.Model;
using Governance.Rules.Windows;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using static Governance.Rules.Tests.Engine.TestRules;

namespace Governance.Rules.Tests.Engine;

public sealed class RuleEngineTests
{
    private readonly ExactWindowStore _store = new(new WindowStoreOptions());
    private readonly EngineCounters _counters = new();

    private static CompiledRule RefundBurst => new() { Definition = Definition("refund-burst"), When = e => e.Type == "order.refunded" };

    [Fact]
    public async Task FiresOnTheFifthRefundInTheWindow()
    {
        var events = Enumerable.Range(0, 6).Select(i => Order($"r{i}", T0.AddMinutes(i), "order.refunded")).ToList();

        var firings = await EvaluateAsync([RefundBurst], events);

        var firing = Assert.Single(firings);
        Assert.Equal("r4", firing.Event.EventId);
        Assert.Equal(5, firing.Value);
        Assert.Equal(T0.AddMinutes(4), firing.WindowEnd);
    }

    [Fact]
    public async Task CooldownHoldsAcrossBatchesAndEndsOnTime()
    {
        var rule = RefundBurst;
        var first = await EvaluateAsync([rule], [.. Enumerable.Range(0, 5).Select(i => Order($"a{i}", T0.AddMinutes(i), "order.refunded"))]);

        var during = await EvaluateAsync([rule], [Order("b1", T0.AddMinutes(10), "order.refunded")]);
        var cooledDuring = _counters.CooledDown[rule.Id];
        var after = await EvaluateAsync([rule], [.. Enumerable.Range(0, 5).Select(i => Order($"c{i}", T0.AddMinutes(35 + i), "order.refunded"))]);

        Assert.Single(first);
        Assert.Empty(during);
        Assert.Equal(1, cooledDuring);
        Assert.Equal("c0", Assert.Single(after).Event.EventId);
    }

    [Fact]
    public async Task ARedeliveredBatchCountsNothingAndDecidesNothingAgain()
    {
        var events = Enumerable.Range(0, 5).Select(i => Order($"r{i}", T0.AddMinutes(i), "order.refunded")).ToList();
        var engine = new RuleEngine(_store);

        var first = await engine.EvaluateAsync(new RulePack("test", [RefundBurst]), events, _counters, CancellationToken.None);
        var replay = await engine.EvaluateAsync(new RulePack("test", [RefundBurst]), events, _counters, CancellationToken.None);

        // The firing was decided once, with its message (a crash before publishing it keeps it pending
        // in the held-state store, which publishes the same message again: RedisWindowStoreTests).
        Assert.Equal(5, Assert.Single(first.Firings).Value);
        Assert.Single(first.Signals);
        Assert.Equal(5, _counters.Duplicates);
        Assert.Empty(replay.Firings);
        Assert.Empty(replay.Signals);
    }

    [Fact]
    public async Task PerKeyCountFiresForTheRepeatedBuyerOnly()
    {
        var rule = new CompiledRule { Definition = Definition("self-purchase", threshold: ">= 4"), When = e => e.Type == "order.placed", GroupKey = e => Attribute(e, "buyerId") };
        var events = Enumerable.Range(0, 12).Select(i => Order($"o{i}", T0.AddMinutes(i), buyer: i % 3 == 0 ? "same" : $"b{i}")).ToList();

        var firing = Assert.Single(await EvaluateAsync([rule], events));

        Assert.Equal("same", firing.GroupKey);
        Assert.Equal("o9", firing.Event.EventId);
    }

    [Fact]
    public async Task DistinctBuyersPerFingerprintFindsARing()
    {
        var rule = new CompiledRule
        {
            Definition = Definition("fingerprint-ring", AggregateKind.Distinct, ">= 3"),
            When = e => e.Type == "order.placed",
            GroupKey = e => Attribute(e, "paymentFingerprint"),
            Item = e => Attribute(e, "buyerId"),
        };
        var events = new[]
        {
            Order("o1", T0, buyer: "b1", fingerprint: "fp"), Order("o2", T0.AddMinutes(1), buyer: "b1", fingerprint: "fp"),
            Order("o3", T0.AddMinutes(2), buyer: "b2", fingerprint: "fp"), Order("o4", T0.AddMinutes(3), buyer: "b3", fingerprint: "other"),
            Order("o5", T0.AddMinutes(4), buyer: "b4", fingerprint: "fp"),
        };

        var firing = Assert.Single(await EvaluateAsync([rule], events));

        Assert.Equal("o5", firing.Event.EventId);
        Assert.Equal(3, firing.Value);
    }

    [Fact]
    public async Task RatioNeedsItsMinimumDenominatorAndFiresOnNumeratorEvents()
    {
        var rule = new CompiledRule
        {
            Definition = Definition("refund-ratio", AggregateKind.Ratio, ">= 0.5", minimum: 6),
            When = e => true,
            Numerator = e => e.Type == "order.refunded",
            Denominator = e => e.Type == "order.placed",
        };
        var events = new List<RuleEvent>();
        for (var i = 0; i < 4; i++)
        {
            events.Add(Order($"o{i}", T0.AddMinutes(i)));
            events.Add(Order($"r{i}", T0.AddMinutes(i).AddSeconds(30), "order.refunded"));
        }

        events.Add(Order("o4", T0.AddMinutes(10)));
        events.Add(Order("o5", T0.AddMinutes(11)));
        events.Add(Order("r4", T0.AddMinutes(12), "order.refunded"));

        var firing = Assert.Single(await EvaluateAsync([rule], events));

        Assert.Equal("r4", firing.Event.EventId);
        Assert.Equal(5.0 / 6, firing.Value, 6);
        Assert.Equal(6, firing.Count);
    }

    [Fact]
    public async Task BaselineFiresForADormantCreatorButNotForABusySellerAtItsUsualPace()
    {
        var rule = new CompiledRule
        {
            Definition = Definition("order-surge", threshold: ">= 20", baseline: new Baseline(TimeSpan.FromDays(1), 5)),
            When = e => e.Type == "order.placed",
        };
        var history = new List<RuleEvent>();
        for (var hour = 0; hour < 24; hour++)
        {
            history.AddRange(Enumerable.Range(0, 30).Select(i => Order($"busy-{hour}-{i}", T0.AddHours(hour).AddMinutes(i * 2), creator: "busy")));
        }

        history.Add(Order("dormant-old", T0.AddHours(2), creator: "dormant"));

        // In batches, as the worker reads them: the deployment began with the first.
        foreach (var batch in history.OrderBy(e => e.OccurredAt).Chunk(30))
        {
            await EvaluateAsync([rule], batch);
        }

        var busyHour = Enumerable.Range(0, 40).Select(i => Order($"busy-24-{i}", T0.AddHours(24).AddSeconds(i * 90), creator: "busy"));
        var dormantSurge = Enumerable.Range(0, 25).Select(i => Order($"dormant-{i}", T0.AddHours(24).AddMinutes(i), creator: "dormant"));
        var firings = await EvaluateAsync([rule], [.. busyHour, .. dormantSurge]);

        var firing = Assert.Single(firings);
        Assert.Equal("dormant", firing.Event.CreatorId);
        Assert.Equal(20, firing.Value);
        Assert.True(firing.Baseline < 1);
    }

    [Fact]
    public async Task BaselineJudgesABusySellerByItsOwnPaceAndACreatorThatAppearsLaterAsNew()
    {
        var rule = new CompiledRule
        {
            Definition = Definition("order-surge", threshold: ">= 20", baseline: new Baseline(TimeSpan.FromDays(7), 5)),
            When = e => e.Type == "order.placed",
        };
        var busy = Enumerable.Range(0, 40 * 8).Select(i => Order($"busy-{i}", T0.AddSeconds(i * 90), creator: "busy")).ToList();
        var newcomer = Enumerable.Range(0, 25).Select(i => Order($"new-{i}", T0.AddHours(6).AddMinutes(i), creator: "newcomer"));
        var stream = busy.Concat(newcomer).OrderBy(e => e.OccurredAt).ToList();

        var firings = new List<RuleFiring>();
        foreach (var batch in stream.Chunk(40))
        {
            firings.AddRange(await EvaluateAsync([rule], batch));
        }

        Assert.NotEmpty(firings);
        Assert.All(firings, f => Assert.Equal("newcomer", f.Event.CreatorId));
        Assert.Equal(20, firings[0].Value);

        // Watched quiet from the first batch's newest event (the deployment's start) to the window's
        // start: one pseudo-order over those 260.5 minutes.
        var watched = T0.AddHours(6).AddMinutes(19 - 60) - T0.AddSeconds(39 * 90);
        Assert.Equal(1 / watched.TotalHours, firings[0].Baseline!.Value, 6);
    }

    [Fact]
    public async Task ABusySellerSeenFromTheDeploymentsFirstMinutesIsNotASurge()
    {
        var rule = new CompiledRule
        {
            Definition = Definition("order-surge", threshold: ">= 20", baseline: new Baseline(TimeSpan.FromDays(7), 5)),
            When = e => e.Type == "order.placed",
        };

        var firings = await EvaluateAsync([rule], [.. Enumerable.Range(0, 150).Select(i => Order($"o{i}", T0.AddMinutes(i)))]);

        Assert.Empty(firings);
    }

    [Fact]
    public async Task ADormantCreatorsSurgeInTheDeploymentsFirstHoursFires()
    {
        // Until 2026-12-07 a baseline stayed silent until three windows were observed: a surge in a
        // new deployment's first hours (or a wiped one's) went unseen.
        var rule = new CompiledRule
        {
            Definition = Definition("order-surge", threshold: ">= 40", baseline: new Baseline(TimeSpan.FromDays(7), 10)),
            When = e => e.Type == "order.placed",
        };
        await EvaluateAsync([rule], [Order("other", T0, creator: "other")]);

        var surge = Enumerable.Range(0, 45).Select(i => Order($"s{i}", T0.AddMinutes(50 + i), creator: "dormant"));
        var firing = Assert.Single(await EvaluateAsync([rule], [.. surge]));

        Assert.Equal("s39", firing.Event.EventId);
        Assert.Equal(40, firing.Value);

        // 29 quiet minutes watched before the window: at most one order in them, ~2.07 an hour.
        Assert.Equal(60.0 / 29, firing.Baseline!.Value, 6);
    }

    [Fact]
    public async Task ABaselineRuleAddedToARunningDeploymentWatchesFromWhenItWasAdded()
    {
        // Five hours of a shop at 60 orders an hour under a pack without the surge rule, then the rule
        // is added. Its state starts empty: measured from the deployment's start, those five hours
        // would look watched and quiet (a baseline of ~0.2), and the shop's next hour a surge.
        var counter = new CompiledRule { Definition = Definition("orders", threshold: ">= 100000"), When = e => e.Type == "order.placed" };
        var surge = new CompiledRule
        {
            Definition = Definition("order-surge", threshold: ">= 40", baseline: new Baseline(TimeSpan.FromDays(7), 10)),
            When = e => e.Type == "order.placed",
        };
        var engine = new RuleEngine(_store);
        var busy = Enumerable.Range(0, 60 * 9).Select(i => Order($"b{i}", T0.AddMinutes(i), creator: "busy")).ToList();
        foreach (var batch in busy.Take(300).Chunk(60))
        {
            await engine.EvaluateAsync(new RulePack("v1", [counter]), batch, _counters, CancellationToken.None);
        }

        var firings = new List<RuleFiring>();
        var newcomer = Enumerable.Range(0, 45).Select(i => Order($"n{i}", T0.AddHours(8).AddMinutes(i), creator: "newcomer"));
        foreach (var batch in busy.Skip(300).Concat(newcomer).OrderBy(e => e.OccurredAt).Chunk(60))
        {
            firings.AddRange((await engine.EvaluateAsync(new RulePack("v2", [counter, surge]), batch, _counters, CancellationToken.None)).Firings);
        }

        // The busy shop is judged by what the new state has seen of it; a creator new to the
        // deployment still surges (the rule watched it quiet for three hours).
        var firing = Assert.Single(firings);
        Assert.Equal("newcomer", firing.Event.CreatorId);
        Assert.Equal(40, firing.Value);
    }

    [Fact]
    public async Task ARuleThatThrowsIsCountedAndTheOthersStillRun()
    {
        var broken = new CompiledRule { Definition = Definition("broken", threshold: ">= 1"), When = _ => throw new InvalidOperationException("type error") };

        var firings = await EvaluateAsync([broken, RefundBurst], [.. Enumerable.Range(0, 5).Select(i => Order($"r{i}", T0.AddMinutes(i), "order.refunded"))]);

        Assert.Single(firings);
        Assert.Equal(5, _counters.Errors["broken"]);
    }

    [Fact]
    public async Task AThrowingRuleIsLoggedWithItsExceptionAtMostOnceAMinute()
    {
        var broken = new CompiledRule { Definition = Definition("broken", threshold: ">= 1"), When = _ => throw new InvalidOperationException("type error") };
        var time = new FakeTimeProvider(T0);
        var logger = new FakeLogger();
        var engine = new RuleEngine(_store, time, logger);
        var pack = new RulePack("test", [broken]);
        var batch = 0;
        Task Evaluate(int events) => engine.EvaluateAsync(pack, [.. Enumerable.Range(0, events).Select(i => Order($"b{batch}-{i}", T0.AddMinutes(batch)))], _counters, CancellationToken.None);

        await Evaluate(3);
        batch++;
        await Evaluate(4);
        var withinTheMinute = logger.Collector.Count;
        time.Advance(TimeSpan.FromMinutes(1));
        batch++;
        await Evaluate(2);

        Assert.Equal(1, withinTheMinute);
        Assert.Equal(9, _counters.Errors["broken"]);
        var reports = logger.Collector.GetSnapshot();
        Assert.Equal(2, reports.Count);
        Assert.All(reports, r => Assert.Equal("type error", Assert.IsType<InvalidOperationException>(r.Exception).Message));
        Assert.Contains("threw on 3 evaluations", reports[0].Message, StringComparison.Ordinal);
        Assert.Contains("threw on 6 evaluations", reports[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesOnlySeeTheirSource()
    {
        var content = new CompiledRule { Definition = Definition("content-only", threshold: ">= 1", source: RuleSource.Content), When = _ => true };

        Assert.Empty(await EvaluateAsync([content], [Order("o1", T0)]));
    }

    [Fact]
    public async Task OnlyAnEventOlderThanEveryWindowOfItsSourceIsTooLate()
    {
        var horizon = new RulePack("test", [RefundBurst]).Horizon("transaction");
        await EvaluateAsync([RefundBurst], [Order("new", T0.AddHours(2), "order.refunded")]);
        await EvaluateAsync([RefundBurst], [Order("inside", T0.AddHours(2) - horizon + TimeSpan.FromMinutes(1), "order.refunded")]);
        await EvaluateAsync([RefundBurst], [Order("old", T0.AddHours(2) - horizon, "order.refunded")]);

        Assert.Equal(1, _counters.TooLate);
    }

    private async Task<IReadOnlyList<RuleFiring>> EvaluateAsync(IReadOnlyList<CompiledRule> rules, IReadOnlyList<RuleEvent> events) =>
        (await new RuleEngine(_store).EvaluateAsync(new RulePack("test", rules), events, _counters, CancellationToken.None)).Firings;
}
