using Governance.Rules.Windows;
using Governance.Redis;
using Governance.Testing;
using StackExchange.Redis;

namespace Governance.Signals.IntegrationTests;

[Collection(RedisCollection.Name)]
public sealed class RedisWindowStoreTests(RedisServer redis) : WindowStoreContract
{
    private string _prefix = RedisServer.UniquePrefix();

    [Fact]
    public async Task ABatchOfHeldCreatorsIsOneRoundTripAndNewCreatorsCostOneMore()
    {
        using var store = (RedisWindowStore)CreateStore();
        CreatorUpdates[] Batch(int from) => [.. Enumerable.Range(0, 50)
            .Select(c => new CreatorUpdates($"c{c}", [.. Enumerable.Range(from, 20).Select(i => Event($"e{c}-{i}", T0.AddSeconds(i), Count("k")))], ["rule-a"]))];

        var first = await store.ApplyAsync(Batch(0), CancellationToken.None);
        var afterFirst = store.RoundTrips;
        var second = await store.ApplyAsync(Batch(20), CancellationToken.None);

        Assert.Equal(2, afterFirst); // read the 50 creators, write them
        Assert.Equal(3, store.RoundTrips); // held now: write only
        Assert.All(first, r => Assert.Equal(20, r.Events[^1].Values[0]));
        Assert.All(second, r => Assert.Equal(40, r.Events[^1].Values[0]));
    }

    [Fact]
    public async Task TwoWorkersOnOneCreatorLoseNoUpdateAndCountNothingTwice()
    {
        using var first = (RedisWindowStore)CreateStore();
        using var second = (RedisWindowStore)CreateStore();
        var update = Count("k") with { KeepEvidence = true };

        // Both hold the creator, then take turns (a partition moving back and forth between workers):
        // each write made from a stale copy is refused, reread and computed again.
        await ApplyAsync(first, "c", Event("e0", T0, update));
        await ApplyAsync(second, "c", Event("e1", T0.AddSeconds(1), update));
        var a = await ApplyAsync(first, "c", Event("e2", T0.AddSeconds(2), update), Event("e1", T0.AddSeconds(1), update));
        var b = await ApplyAsync(second, "c", Event("e3", T0.AddSeconds(3), update), Event("e2", T0.AddSeconds(2), update));
        var fresh = await ApplyAsync(CreateStore(), "c", Event("e4", T0.AddSeconds(4), update));

        Assert.Equal([3.0, 3.0], a.Events.Select(e => e.Values[0]));
        Assert.Equal(EventStatus.Duplicate, a.Events[1].Status);
        Assert.Equal([4.0, 4.0], b.Events.Select(e => e.Values[0]));
        Assert.Equal(EventStatus.Duplicate, b.Events[1].Status);
        Assert.Equal(5, fresh.Events[0].Values[0]);
        Assert.Equal(1, first.Conflicts);
        Assert.Equal(1, second.Conflicts);
    }

    [Fact]
    public async Task AWorkerThatDroppedItsCopyReadsTheStateBackFromRedis()
    {
        var options = new WindowStoreOptions { AllowedLateness = Options.AllowedLateness, EvidenceLimit = 3, MaxCachedCreators = 10 };
        using var store = new RedisWindowStore(redis.Connection, new RedisOptions { KeyPrefix = _prefix }, options, new FixedClock(T0));
        var update = Count("k") with { KeepEvidence = true };
        for (var c = 0; c < 30; c++)
        {
            await ApplyAsync(store, $"c{c}", Event($"e{c}", T0.AddMinutes(c), update, Distinct("d", $"buyer-{c}")));
        }

        var outcome = await ApplyAsync(store, "c0", Event("e0", T0, update), Event("x", T0.AddMinutes(1), update, Distinct("d", "buyer-x")));
        var evidence = (await store.GetEvidenceAsync([new EvidenceRequest("c0", "k", Hour, T0.AddMinutes(1))], CancellationToken.None))[0];

        Assert.True(store.CachedCreators <= 10, $"{store.CachedCreators} creators held");
        Assert.Equal(EventStatus.Duplicate, outcome.Events[0].Status);
        Assert.Equal([2.0, 2.0], outcome.Events[1].Values);
        Assert.Equal(["x", "e0"], evidence.Select(e => e.EventId));
        Assert.Equal(T0, outcome.FirstSeen);
    }

    [Fact]
    public async Task EveryKeyCarriesTheCreatorHashTagAndATtl()
    {
        var store = CreateStore();
        await ApplyAsync(store, "creator-42", Event("e1", T0, Count("k") with { KeepEvidence = true }), Event("e2", T0, Distinct("d", "x")));
        var server = redis.Connection.GetServers()[0];

        var keys = server.Keys(pattern: _prefix + ":*").ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.StartsWith(_prefix + ":{creator-42}:", k.ToString(), StringComparison.Ordinal));
        foreach (var key in keys)
        {
            var ttl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(key);
            Assert.True(ttl is { } t && t > TimeSpan.Zero, $"{key} has no TTL");
        }
    }

    [Fact]
    public async Task BucketedSeriesStaysWithinOneBucketOfTheExactWindowOnRandomStreams()
    {
        var random = new Random(20261125);
        for (var round = 0; round < 5; round++)
        {
            _prefix = RedisServer.UniquePrefix();
            var window = TimeSpan.FromMinutes(random.Next(1, 120));
            var bucket = window / 60;
            var redisStore = CreateStore();
            var exact = new ExactWindowStore(Options);
            var exactShort = new ExactWindowStore(Options);
            var at = T0;
            var events = new List<(EventUpdates Full, EventUpdates Short)>();
            for (var i = 0; i < 400; i++)
            {
                at += TimeSpan.FromSeconds(random.Next(0, (int)Math.Max(2, window.TotalSeconds / 20)));
                var time = random.Next(10) == 0 ? at - TimeSpan.FromSeconds(random.Next(0, 300)) : at; // some late events
                var amount = Math.Round(random.NextDouble() * 100, 2);
                var update = new StateUpdate(UpdateKind.Series, "s", window, 60, amount, null, true, false);
                events.Add((new EventUpdates($"e{i}", "order.placed", time, [update]), new EventUpdates($"e{i}", "order.placed", time, [update with { Window = window - bucket }])));
            }

            foreach (var chunk in events.Chunk(50))
            {
                var fromRedis = await ApplyAsync(redisStore, "c", [.. chunk.Select(c => c.Full)]);
                var full = await ApplyAsync(exact, "c", [.. chunk.Select(c => c.Full)]);
                var shorter = await ApplyAsync(exactShort, "c", [.. chunk.Select(c => c.Short)]);
                for (var i = 0; i < chunk.Length; i++)
                {
                    Assert.Equal(full.Events[i].Status, fromRedis.Events[i].Status);
                    if (full.Events[i].Status == EventStatus.Late)
                    {
                        continue;
                    }

                    var value = fromRedis.Events[i].Values[0];
                    Assert.InRange(value, shorter.Events[i].Values[0] - 1e-6, full.Events[i].Values[0] + 1e-6);
                }
            }
        }
    }

    protected override IWindowStore CreateStore() =>
        new RedisWindowStore(redis.Connection, new RedisOptions { KeyPrefix = _prefix }, Options, new FixedClock(T0));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
