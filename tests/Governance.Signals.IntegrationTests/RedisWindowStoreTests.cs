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
    public async Task ABatchOfManyCreatorsIsOneRoundTrip()
    {
        var store = (RedisWindowStore)CreateStore();
        var batch = Enumerable.Range(0, 50)
            .Select(c => new CreatorUpdates($"c{c}", [.. Enumerable.Range(0, 20).Select(i => Event($"e{c}-{i}", T0.AddSeconds(i), Count("k")))], ["rule-a"]))
            .ToList();

        var results = await store.ApplyAsync(batch, CancellationToken.None);

        Assert.Equal(1, store.RoundTrips);
        Assert.All(results, r => Assert.Equal(20, r.Events[^1].Values[0]));
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
