using Governance.Redis;
using Governance.Rules.Windows;
using Governance.Testing;

namespace Governance.Signals.IntegrationTests;

[Collection(RedisCollection.Name)]
[Trait("Redis", "shared")]
public sealed class RedisPeerCountsTests(RedisServer redis)
{
    private static readonly DateTimeOffset Hour = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly RedisOptions _options = new() { Configuration = redis.Configuration, KeyPrefix = RedisServer.UniquePrefix() };

    [Fact]
    public async Task TwoWorkersCountsOfOneHourAreMergedAndOutliveThem()
    {
        await new RedisPeerCounts(redis.Connection, _options).AddAsync([new("refund-burst", 1, Hour, 3, 40), new("refund-burst", 2, Hour, 1, 200)], CancellationToken.None);
        await new RedisPeerCounts(redis.Connection, _options).AddAsync([new("refund-burst", 1, Hour, 2, 60), new("refund-burst", 1, Hour.AddHours(1), 1, 10)], CancellationToken.None);

        // A worker started later (another connection) reads the merged buckets.
        await using var restarted = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var read = await new RedisPeerCounts(restarted, _options).ReadAsync("refund-burst", Hour.AddHours(-3), Hour.AddHours(1), CancellationToken.None);

        Assert.Equal(
            [new("refund-burst", 1, Hour, 5, 100), new("refund-burst", 2, Hour, 1, 200), new("refund-burst", 1, Hour.AddHours(1), 1, 10)],
            read);
    }

    [Fact]
    public async Task AReadReturnsItsRulesHoursOnlyAndEveryBucketExpires()
    {
        var counts = new RedisPeerCounts(redis.Connection, _options);
        await counts.AddAsync([new("refund-burst", 0, Hour, 1, 1), new("refund-burst", 0, Hour.AddHours(2), 1, 1), new("chargeback-burst", 0, Hour, 1, 1)], CancellationToken.None);

        var read = await counts.ReadAsync("refund-burst", Hour.AddHours(1), Hour.AddHours(5), CancellationToken.None);

        Assert.Equal([new PeerCount("refund-burst", 0, Hour.AddHours(2), 1, 1)], read);
        var keys = redis.Keys(_options.KeyPrefix + ":peers:*").ToList();
        Assert.Equal(3, keys.Count);
        foreach (var key in keys)
        {
            var ttl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(key);
            Assert.InRange(ttl!.Value, TimeSpan.FromDays(30), TimeSpan.FromDays(31));
        }
    }
}
