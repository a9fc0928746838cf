using System.Text.Json;
using Governance.Contracts;
using Governance.Rules.Windows;
using Governance.Redis;
using Governance.Testing;
using StackExchange.Redis;

namespace Governance.Signals.IntegrationTests;

[Collection(RedisCollection.Name)]
[Trait("Redis", "shared")]
public sealed class RedisWindowStoreTests(RedisServer redis) : WindowStoreContract
{
    private readonly string _prefix = RedisServer.UniquePrefix();

    [Fact]
    public async Task ABatchOfHeldCreatorsIsOneRoundTripAndNewCreatorsCostOneMore()
    {
        using var store = (HeldWindowStore)CreateStore();
        CreatorUpdates[] Batch(int from) => [.. Enumerable.Range(0, 50)
            .Select(c => new CreatorUpdates($"c{c}", [.. Enumerable.Range(from, 20).Select(i => Event($"e{c}-{i}", T0.AddSeconds(i), Count("k")))], ["rule-a"]))];

        var first = (await store.ApplyAsync(Batch(0), TestDecisions.None, CancellationToken.None)).Creators;
        var afterFirst = store.RoundTrips;
        var second = (await store.ApplyAsync(Batch(20), TestDecisions.None, CancellationToken.None)).Creators;

        Assert.Equal(2, afterFirst); // read the 50 creators, write them
        Assert.Equal(3, store.RoundTrips); // held now: write only
        Assert.All(first, r => Assert.Equal(20, r.Events[^1].Values[0]));
        Assert.All(second, r => Assert.Equal(40, r.Events[^1].Values[0]));
    }

    [Fact]
    public async Task TwoWorkersOnOneCreatorLoseNoUpdateAndCountNothingTwice()
    {
        using var first = (HeldWindowStore)CreateStore();
        using var second = (HeldWindowStore)CreateStore();
        var update = Count("k") with { KeepEvidence = true };

        // Both hold the creator, then take turns (a partition moving back and forth between workers):
        // each write made from a stale copy is refused, reread and computed again.
        await ApplyAsync(first, "c", Event("e0", T0, update));
        await ApplyAsync(second, "c", Event("e1", T0.AddSeconds(1), update));
        var a = await ApplyAsync(first, "c", Event("e2", T0.AddSeconds(2), update), Event("e1", T0.AddSeconds(1), update));
        var b = await ApplyAsync(second, "c", Event("e3", T0.AddSeconds(3), update), Event("e2", T0.AddSeconds(2), update));
        var fresh = await ApplyAsync(CreateStore(), "c", Event("e4", T0.AddSeconds(4), update));

        Assert.Equal(3.0, a.Events[0].Values[0]);
        Assert.Equal(EventStatus.Duplicate, a.Events[1].Status);
        Assert.Equal(4.0, b.Events[0].Values[0]);
        Assert.Equal(EventStatus.Duplicate, b.Events[1].Status);
        Assert.Equal(5, fresh.Events[0].Values[0]);
        Assert.Equal(1, first.Conflicts);
        Assert.Equal(1, second.Conflicts);
    }

    [Fact]
    public async Task AWorkerThatDroppedItsCopyReadsTheStateBackFromRedis()
    {
        var options = new WindowStoreOptions { EvidenceLimit = 3, MaxCachedCreators = 10 };
        using var store = new HeldWindowStore(redis.Connection, new RedisOptions { KeyPrefix = _prefix }, options);
        var update = Count("k") with { KeepEvidence = true };
        for (var c = 0; c < 30; c++)
        {
            await ApplyAsync(store, $"c{c}", Event($"e{c}", T0.AddMinutes(c), update, Distinct("d", $"buyer-{c}")));
        }

        var applied = await store.ApplyAsync(
            [new CreatorUpdates("c0", [Event("e0", T0, update), Event("x", T0.AddMinutes(1), update, Distinct("d", "buyer-x"))], [])],
            TestDecisions.FireOnLastEvent("c0", "rule-a", "k", Hour, Hour),
            CancellationToken.None);
        var outcome = applied.Creators[0];

        Assert.True(store.CachedCreators <= 10, $"{store.CachedCreators} creators held");
        Assert.Equal(EventStatus.Duplicate, outcome.Events[0].Status);
        Assert.Equal([2.0, 2.0], outcome.Events[1].Values);
        Assert.Equal(["x", "e0"], Assert.Single(applied.Signals).Evidence.Select(e => e.EventId));
    }

    [Fact]
    public async Task ASignalStaysPendingUntilConfirmedAndAWorkerThatTakesOverPublishesTheIdenticalMessage()
    {
        var update = Count("k") with { KeepEvidence = true };
        CreatorUpdates[] Batch() => [new CreatorUpdates("c", [.. Enumerable.Range(0, 3).Select(i => At(Event($"e{i}", T0.AddMinutes(i), update), 0, 100 + i))], ["rule-a"])];
        var decide = () => TestDecisions.FireOnLastEvent("c", "rule-a", "k", Hour, Hour);
        using var crashed = (HeldWindowStore)CreateStore();
        var decided = Assert.Single((await crashed.ApplyAsync(Batch(), decide(), CancellationToken.None)).Signals);

        // The worker died before the broker confirmed: another one gets the batch again.
        using var next = (HeldWindowStore)CreateStore();
        var replay = await next.ApplyAsync(Batch(), decide(), CancellationToken.None);
        var republished = Assert.Single(replay.Signals);
        await next.ConfirmAsync(replay.Signals, CancellationToken.None);
        using var third = (HeldWindowStore)CreateStore();
        var afterConfirm = await third.ApplyAsync(Batch(), decide(), CancellationToken.None);

        Assert.All(replay.Creators[0].Events, e => Assert.Equal(EventStatus.Duplicate, e.Status));
        Assert.Equal(Json(decided), Json(republished));
        Assert.Equal(3, republished.Value);
        Assert.Empty(afterConfirm.Signals);
        Assert.Equal(T0.AddMinutes(2) + Hour, afterConfirm.Creators[0].CooldownUntil["rule-a"]);
    }

    [Fact]
    public async Task AfterItsConnectionIsRestoredTheWorkerRereadsWhatItHeld()
    {
        var own = ConfigurationOptions.Parse(redis.Connection.Configuration);
        own.ClientName = _prefix;
        using var connection = await ConnectionMultiplexer.ConnectAsync(own);
        var admin = ConfigurationOptions.Parse(redis.Connection.Configuration);
        admin.AllowAdmin = true;
        using var adminConnection = await ConnectionMultiplexer.ConnectAsync(admin);
        using var store = new HeldWindowStore(connection, new RedisOptions { KeyPrefix = _prefix }, Options);
        await ApplyAsync(store, "c", At(Event("e0", T0, Count("k")), 0, 1));
        // On a cluster every master's connection is killed, and each is restored on its own: waiting for the
        // first one alone let the next read go to a master whose connection was still down.
        var masters = adminConnection.GetServers().Where(s => !s.IsReplica).ToList();
        var down = new HashSet<string>(masters.Select(s => s.EndPoint.ToString()!), StringComparer.Ordinal);
        var restored = new TaskCompletionSource();
        connection.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType != ConnectionType.Interactive)
            {
                return;
            }

            lock (down)
            {
                if (down.Remove(e.EndPoint?.ToString() ?? "") && down.Count == 0)
                {
                    restored.TrySetResult();
                }
            }
        };

        // Redis lost the write (as a restart with weak persistence would) and the connection dropped:
        // the held copy must not outlive what Redis kept.
        await redis.Connection.GetDatabase().KeyDeleteAsync($"{_prefix}:{{c}}:w");
        foreach (var server in masters)
        {
            foreach (var client in (await server.ClientListAsync()).Where(c => c.Name == _prefix))
            {
                await server.ClientKillAsync(client.Id, null, null, skipMe: true);
            }
        }

        await restored.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var outcome = await ApplyAsync(store, "c", At(Event("e0", T0, Count("k")), 0, 1), At(Event("e1", T0.AddMinutes(1), Count("k")), 0, 2));

        Assert.Equal([EventStatus.Applied, EventStatus.Applied], outcome.Events.Select(e => e.Status));
        Assert.Equal(2, outcome.Events[1].Values[0]);
    }

    [Fact]
    public async Task PerKeyStatesOfKeysNotSeenAgainExpireWithTheirWindowWhileTheCreatorStaysBusy()
    {
        using var store = (HeldWindowStore)CreateStore();
        var key = $"{_prefix}:{{busy}}:w";

        // Ten hours of a busy creator, each minute a buyer never seen again (per-buyer state, 1 h window).
        for (var hour = 0; hour < 10; hour++)
        {
            await ApplyAsync(store, "busy", [.. Enumerable.Range(0, 60).Select(m => Event($"e{hour}-{m}", T0.AddHours(hour).AddMinutes(m), Count($"buyer-{hour}-{m}") with { KeepEvidence = true }))]);
        }

        var fields = await redis.Connection.GetDatabase().HashLengthAsync(key);
        using var reread = (HeldWindowStore)CreateStore();
        var last = await ApplyAsync(reread, "busy", Event("last", T0.AddHours(10), Count("buyer-9-59")));

        // One hour of buyers (bucket, evidence slot, shape each) and of seen eventIds, not ten.
        Assert.InRange(fields, 60, 5 * 60);
        Assert.Equal(2, last.Events[0].Values[0]); // buyer-9-59 at 9:59 is still inside the hour
    }

    [Fact]
    public async Task EveryKeyCarriesTheCreatorHashTagAndATtl()
    {
        var store = CreateStore();
        await ApplyAsync(store, "creator-42", Event("e1", T0, Count("k") with { KeepEvidence = true }), Event("e2", T0, Distinct("d", "x")));
        var keys = redis.Keys(_prefix + ":*").ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.StartsWith(_prefix + ":{creator-42}:", k.ToString(), StringComparison.Ordinal));
        foreach (var key in keys)
        {
            var ttl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(key);
            Assert.True(ttl is { } t && t > TimeSpan.Zero, $"{key} has no TTL");
        }
    }

    private static string Json(RiskSignalDetected signal) => JsonSerializer.Serialize(signal, GovernanceJsonContext.Default.RiskSignalDetected);

    protected override IWindowStore CreateStore() =>
        new HeldWindowStore(redis.Connection, new RedisOptions { KeyPrefix = _prefix }, Options);
}
