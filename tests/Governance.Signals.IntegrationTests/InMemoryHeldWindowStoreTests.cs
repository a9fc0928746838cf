using Governance.Redis;
using Governance.Rules.Windows;
using Governance.Testing;

namespace Governance.Signals.IntegrationTests;

/// <summary>
/// The held-state store over hashes in memory (what backtests and rules tests run) passes the same
/// contract as over Redis; and the held-state store's bounds (keys per grouped rule, items per distinct
/// state, eventIds per creator), which the exact oracle does not have.
/// </summary>
public sealed class InMemoryHeldWindowStoreTests : WindowStoreContract
{
    [Fact]
    public async Task AGroupedRuleKeepsItsHighestKeysWithinTheCapWhateverTheReloads()
    {
        var options = new WindowStoreOptions { MaxKeysPerRule = 10 };

        // Held throughout, and reloaded from the hashes before every batch (one creator held at a time).
        foreach (var store in new[] { HeldWindowStore.InMemory(options), HeldWindowStore.InMemory(new WindowStoreOptions { MaxKeysPerRule = 10, MaxCachedCreators = 1 }) })
        {
            using var _ = store;
            // Two minutes apart: each buyer in its own bucket, so recency decides between equal values.
            var t = T0;
            await ApplyAsync(store, "c", [.. Enumerable.Range(0, 3).Select(i => Event($"buyer-0-{i}", t = t.AddSeconds(1), Grouped("buyer-0")))]);
            for (var b = 1; b <= 20; b++)
            {
                await ApplyAsync(store, "c", Event($"buyer-{b}", t = t.AddMinutes(2), Grouped($"buyer-{b}")));
                await ApplyAsync(store, "other", Event($"other-{b}", t, Grouped("x")));
            }

            var repeat = await ApplyAsync(store, "c", Event("buyer-0-3", t = t.AddMinutes(2), Grouped("buyer-0")));
            var dropped = await ApplyAsync(store, "c", Event("buyer-1-again", t.AddMinutes(2), Grouped("buyer-1")));

            Assert.Equal(4, repeat.Events[0].Values[0]); // the key building up is kept
            Assert.Equal(1, dropped.Events[0].Values[0]); // the oldest one-off key was dropped: it starts again
            Assert.True(store.DroppedKeys >= 11, $"dropped {store.DroppedKeys}");
        }
    }

    [Fact]
    public async Task ADistinctStateSaturatesAtTheItemCap()
    {
        using var store = HeldWindowStore.InMemory(new WindowStoreOptions { MaxDistinctItems = 10 });

        var outcome = await ApplyAsync(store, "c", [.. Enumerable.Range(0, 25).Select(i => Event($"e{i}", T0.AddSeconds(i), Distinct("d", $"buyer-{i}")))]);

        Assert.All(outcome.Events, e => Assert.InRange(e.Values[0], 1, 10));
        Assert.Equal(10, outcome.Events[^1].Values[0]);
    }

    [Fact]
    public async Task EventIdsPastTheCapAreForgottenOldestFirst()
    {
        using var store = HeldWindowStore.InMemory(new WindowStoreOptions { MaxSeenEventIds = 5 });
        await ApplyAsync(store, "c", [.. Enumerable.Range(0, 10).Select(i => Event($"e{i}", T0.AddSeconds(i), Count("k")))]);

        var again = await ApplyAsync(store, "c", Event("e9", T0.AddSeconds(9), Count("k")), Event("e0", T0.AddSeconds(10), Count("k")));

        Assert.Equal(EventStatus.Duplicate, again.Events[0].Status);
        Assert.Equal(EventStatus.Applied, again.Events[1].Status);
    }

    protected override IWindowStore CreateStore() => HeldWindowStore.InMemory(Options);

    private static StateUpdate Grouped(string buyer) => Count("wash:k:" + buyer) with { Family = "wash" };
}
