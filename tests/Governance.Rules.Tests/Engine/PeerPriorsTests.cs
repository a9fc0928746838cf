using Governance.Rules.Engine;
using Governance.Rules.Windows;
using Microsoft.Extensions.Time.Testing;
using static Governance.Rules.Tests.Engine.TestRules;

namespace Governance.Rules.Tests.Engine;

public sealed class PeerPriorsTests
{
    // The surprise tests' refund rule, with a 7-day baseline: the shape of the default pack's refund-burst.
    private static readonly string Rule = SurpriseTests.Rule.Replace("minimum: 5", "minimum: 5\nbaseline: { history: 7d }", StringComparison.Ordinal);

    [Theory]
    [InlineData(7, false)] // a marketplace refunding one order in 7 (14 %): 8 refunds on 12 orders are ordinary there
    [InlineData(21, true)] // one refunding fewer than 5 % keeps the rule's 5 %: the same hour is one in millions
    public async Task ANewShopIsJudgedByItsPeersFromItsFirstHour(int refundEvery, bool fires)
    {
        var events = Marketplace(refundEvery, hours: 4).Concat(NewShop(T0.AddHours(6))).ToList();

        var firings = await EvaluateAsync(new MemoryPeerCounts(), events);

        Assert.Equal(fires, firings.Any(f => f.Event.CreatorId == "new"));
    }

    [Fact]
    public async Task TheHourBeforeAnEventsHourDoesNotCountYet()
    {
        // The marketplace refunds 14 % from its first hour (12:00), and the new shop comes in its
        // second: that hour reads buckets up to 11:00-12:00 (none), so the rule's own 5 % judges it.
        var events = Marketplace(7, hours: 2, perHour: 30).Concat(NewShop(T0.AddHours(1))).ToList();

        var firings = await EvaluateAsync(new MemoryPeerCounts(), events);

        Assert.Contains(firings, f => f.Event.CreatorId == "new");
    }

    [Fact]
    public async Task ARestartedEngineReadsThePeersItsPredecessorMerged()
    {
        var counts = new MemoryPeerCounts();
        var store = new ExactWindowStore(new WindowStoreOptions());
        await EvaluateAsync(counts, [.. Marketplace(7, hours: 4)], store);

        var firings = await EvaluateAsync(counts, [.. NewShop(T0.AddHours(6))], store);

        Assert.DoesNotContain(firings, f => f.Event.CreatorId == "new");
    }

    [Fact]
    public async Task CountsAreMergedOnceASecondOrWhenAnHourEnds()
    {
        var counts = new RecordingPeerCounts();
        var time = new FakeTimeProvider(T0);
        var engine = new RuleEngine(new ExactWindowStore(new WindowStoreOptions()), time, peers: counts);
        var pack = new RulePack("test", [Compile()]);
        Task Evaluate(params RuleEvent[] events) => engine.EvaluateAsync(pack, events, new EngineCounters(), CancellationToken.None);

        // A batch's counts are merged before a later batch is applied.
        await Evaluate(Order("o1", T0.AddMinutes(1)));
        await Evaluate(Order("o2", T0.AddMinutes(2))); // merges o1
        await Evaluate(Order("o3", T0.AddMinutes(3))); // within the second: keeps o2
        time.Advance(TimeSpan.FromSeconds(1));
        await Evaluate(Order("o4", T0.AddMinutes(59))); // merges o2, o3
        await Evaluate(Order("o5", T0.AddMinutes(61))); // within the second: keeps o4
        await Evaluate(Order("o6", T0.AddMinutes(62))); // o4's hour has ended (o5 is in the next): merges o4, o5

        Assert.Equal(3, counts.Calls.Count);
        Assert.Equal([(0, 1)], counts.Calls[0].Select(c => (c.Band, c.Denominator)));
        Assert.Equal([(0, 2)], counts.Calls[1].Select(c => (c.Band, c.Denominator)));
        Assert.Equal([T0, T0.AddHours(1)], counts.Calls[2].Select(c => c.Hour).Order());
        Assert.All(counts.Calls.SelectMany(c => c), c => Assert.Equal(0, c.Numerator));
    }

    [Fact]
    public async Task AFailedMergeFailsTheNextBatchBeforeItChangesAnythingAndLosesNoCount()
    {
        var counts = new RecordingPeerCounts { FailNext = true };
        var engine = new RuleEngine(new ExactWindowStore(new WindowStoreOptions()), peers: counts);
        var pack = new RulePack("test", [Compile()]);
        var counters = new EngineCounters();
        await engine.EvaluateAsync(pack, [Order("o1", T0)], counters, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => engine.EvaluateAsync(pack, [Order("o2", T0.AddMinutes(1))], counters, CancellationToken.None));
        await engine.EvaluateAsync(pack, [Order("o2", T0.AddMinutes(1))], counters, CancellationToken.None); // the retry
        await engine.FlushPeerCountsAsync(CancellationToken.None);

        Assert.Equal(0, counters.Duplicates); // o2 was not applied by the failed try
        Assert.Equal(2, counts.Calls.SelectMany(c => c).Sum(c => c.Denominator));
    }

    [Fact]
    public async Task ABurstsOwnRefundsDoNotCountForItsPeers()
    {
        // 10 orders (λ = 0.05 × 11 = 0.55), then 8 refunds: P(N ≥ 4) ≈ 0.002 is still a shop's bad
        // luck, P(N ≥ 5) ≈ 3e-4 is not, and the 5th to 8th refunds are left out of the peer counts.
        var counts = new RecordingPeerCounts();
        var events = Enumerable.Range(0, 10).Select(i => Order($"o{i}", T0.AddMinutes(i)))
            .Concat(Enumerable.Range(0, 8).Select(i => Order($"r{i}", T0.AddMinutes(20 + i), "order.refunded")));

        var engine = new RuleEngine(new ExactWindowStore(new WindowStoreOptions()), peers: counts);
        var pack = new RulePack("test", [Compile()]);
        await engine.EvaluateAsync(pack, [.. events], new EngineCounters(), CancellationToken.None);

        await engine.EvaluateAsync(pack, [Order("later", T0.AddMinutes(40))], new EngineCounters(), CancellationToken.None); // merges the first batch's counts

        var counted = Assert.Single(counts.Calls).Sum(c => c.Numerator);
        Assert.Equal(4, counted);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(9, 0)]
    [InlineData(10, 1)]
    [InlineData(999, 2)]
    [InlineData(1000, 3)]
    [InlineData(1e7, 3)]
    public void BandsAreOrdersOfMagnitudeOfTheHistory(double denominatorHistory, int band) =>
        Assert.Equal(band, PeerGroups.BandOf(denominatorHistory));

    [Theory]
    [InlineData(0.03, 0.05)] // the rule's rate is the floor
    [InlineData(0.15, 0.15)] // a new shop: its peers' rate
    [InlineData(null, 0.05)] // no peers yet
    public void ANewShopsRateIsItsPeersAboveTheRulesOwn(double? peers, double rate) =>
        Assert.Equal(rate, SurpriseTest.BlendedRate(Compile().Definition, 0, 0, 0, 0, peers), 1e-9);

    [Fact]
    public void AShopsOwnHistoryTakesOverFromItsPeers()
    {
        // 400 orders and 8 refunds of its own (2 %) against peers at 15 %: mostly its own, never below 5 %.
        var rate = SurpriseTest.BlendedRate(Compile().Definition, 0, 0, 8, 400, 0.15);

        Assert.Equal(0.05, rate, 1e-9);
        Assert.Equal((60 + 6.0) / 440, SurpriseTest.BlendedRate(Compile().Definition, 0, 0, 60, 400, 0.15), 1e-9);
    }

    // 200 shops of 10 (perHour) orders an hour; after every refundEvery-th order one of its earlier orders is refunded.
    private static IEnumerable<RuleEvent> Marketplace(int refundEvery, int hours, int perHour = 10) =>
        Enumerable.Range(0, perHour * hours).SelectMany(i => Enumerable.Range(0, 200).SelectMany(shop =>
        {
            var at = T0.AddSeconds((i * 3600 / perHour) + (shop % 60));
            var order = Order($"m{shop}-o{i}", at, creator: $"m{shop}");
            return i % refundEvery == refundEvery - 1
                ? [order, Order($"m{shop}-r{i}", at.AddSeconds(30), "order.refunded", creator: $"m{shop}")]
                : new[] { order };
        }));

    // 12 orders in 40 minutes, then 8 refunds in 15.
    private static IEnumerable<RuleEvent> NewShop(DateTimeOffset from) =>
        Enumerable.Range(0, 12).Select(i => Order($"n-o{i}", from.AddMinutes(i * 3.5), creator: "new"))
            .Concat(Enumerable.Range(0, 8).Select(i => Order($"n-r{i}", from.AddMinutes(42 + (i * 2)), "order.refunded", creator: "new")));

    private static async Task<List<RuleFiring>> EvaluateAsync(IPeerCounts counts, IReadOnlyList<RuleEvent> events, IWindowStore? store = null)
    {
        var engine = new RuleEngine(store ?? new ExactWindowStore(new WindowStoreOptions()), peers: counts);
        var pack = new RulePack("test", [Compile()]);
        var firings = new List<RuleFiring>();
        foreach (var batch in events.OrderBy(e => e.OccurredAt).Chunk(500))
        {
            firings.AddRange((await engine.EvaluateAsync(pack, batch, new EngineCounters(), CancellationToken.None)).Firings);
        }

        return firings;
    }

    private static CompiledRule Compile() => SurpriseTests.Compile(Rule);

    private sealed class RecordingPeerCounts : IPeerCounts
    {
        public List<PeerCount[]> Calls { get; } = [];

        public bool FailNext { get; set; }

        public Task AddAsync(IReadOnlyCollection<PeerCount> counts, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("Redis is down");
            }

            Calls.Add([.. counts]);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<PeerCount>> ReadAsync(string ruleId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<PeerCount>>([]);
    }
}
