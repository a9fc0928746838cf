using Governance.Rules.Windows;
using Xunit;

namespace Governance.Testing;

/// <summary>
/// The cases every <see cref="IWindowStore"/> must pass, run against the exact in-memory store and
/// against Redis. Times are chosen away from bucket edges, so exact and bucketed stores agree.
/// </summary>
public abstract class WindowStoreContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    protected static WindowStoreOptions Options { get; } = new() { AllowedLateness = TimeSpan.FromMinutes(10), EvidenceLimit = 3 };

    /// <summary>A fresh, empty store.</summary>
    protected abstract IWindowStore CreateStore();

    [Fact]
    public async Task CountsEventsInsideTheWindow()
    {
        var store = CreateStore();
        var values = await ValuesAsync(store, "c1", Count("k"), T0, T0.AddMinutes(10), T0.AddMinutes(20));

        Assert.Equal([1, 2, 3], values);
    }

    [Fact]
    public async Task EventsOlderThanTheWindowStopCounting()
    {
        var store = CreateStore();
        var values = await ValuesAsync(store, "c1", Count("k"), T0, T0.AddMinutes(30), T0.AddMinutes(95), T0.AddMinutes(200));

        Assert.Equal([1, 2, 1, 1], values);
    }

    [Fact]
    public async Task RedeliveredEventIsCountedOnce()
    {
        var store = CreateStore();
        var first = await ApplyAsync(store, "c1", Event("e1", T0, Count("k")), Event("e1", T0, Count("k")));
        var again = await ApplyAsync(store, "c1", Event("e1", T0, Count("k")), Event("e2", T0.AddMinutes(1), Count("k")));

        Assert.Equal([EventStatus.Applied, EventStatus.Duplicate], first.Events.Select(e => e.Status));
        Assert.Equal([1.0, 1.0], first.Events.Select(e => e.Values[0]));
        Assert.Equal(EventStatus.Duplicate, again.Events[0].Status);
        Assert.Equal(2, again.Events[1].Values[0]);
    }

    [Fact]
    public async Task LateEventsWithinTheAllowedLatenessCountAndLaterOnesAreIgnored()
    {
        var store = CreateStore();
        var outcome = await ApplyAsync(
            store,
            "c1",
            Event("e1", T0.AddMinutes(30), Count("k")),
            Event("e2", T0.AddMinutes(25), Count("k")),
            Event("e3", T0.AddMinutes(5), Count("k")));

        Assert.Equal([EventStatus.Applied, EventStatus.Applied, EventStatus.Late], outcome.Events.Select(e => e.Status));
        Assert.Equal(2, outcome.Events[1].Values[0]);
        Assert.Equal(T0.AddMinutes(30), outcome.Events[1].WindowEnd);
    }

    [Fact]
    public async Task SumAddsTheDeltas()
    {
        var store = CreateStore();
        var update = Count("amounts") with { Delta = 12.5 };
        var outcome = await ApplyAsync(store, "c1", Event("e1", T0, update), Event("e2", T0.AddMinutes(1), update with { Delta = 7.25 }));

        Assert.Equal(19.75, outcome.Events[1].Values[0], 6);
    }

    [Fact]
    public async Task DistinctCountsEachItemOnceAndForgetsOldOnes()
    {
        var store = CreateStore();
        var outcome = await ApplyAsync(
            store,
            "c1",
            Event("e1", T0, Distinct("buyers", "b1")),
            Event("e2", T0.AddMinutes(5), Distinct("buyers", "b2")),
            Event("e3", T0.AddMinutes(10), Distinct("buyers", "b1")),
            Event("e4", T0.AddMinutes(68), Distinct("buyers", "b3")));

        Assert.Equal([1.0, 2.0, 2.0, 2.0], outcome.Events.Select(e => e.Values[0]));
    }

    [Fact]
    public async Task ReadOnlyUpdateDoesNotChangeTheState()
    {
        var store = CreateStore();
        var outcome = await ApplyAsync(
            store,
            "c1",
            Event("e1", T0, Count("k")),
            Event("e2", T0.AddMinutes(1), Count("k") with { Apply = false }),
            Event("e3", T0.AddMinutes(2), Count("k")));

        Assert.Equal([1.0, 1.0, 2.0], outcome.Events.Select(e => e.Values[0]));
    }

    [Fact]
    public async Task CreatorsAndKeysAreIndependent()
    {
        var store = CreateStore();
        var results = await store.ApplyAsync(
            [
                new CreatorUpdates("c1", [Event("e1", T0, Count("k")), Event("e2", T0.AddMinutes(1), Count("other"))], []),
                new CreatorUpdates("c2", [Event("e3", T0, Count("k"))], []),
            ],
            CancellationToken.None);

        Assert.Equal(1, results[0].Events[1].Values[0]);
        Assert.Equal(1, results[1].Events[0].Values[0]);
    }

    [Fact]
    public async Task CooldownsAreReadBackAndNeverShortened()
    {
        var store = CreateStore();
        await store.SetCooldownsAsync([new Cooldown("c1", "rule-a", T0.AddMinutes(30))], CancellationToken.None);
        await store.SetCooldownsAsync([new Cooldown("c1", "rule-a", T0.AddMinutes(10))], CancellationToken.None);

        var outcome = (await store.ApplyAsync([new CreatorUpdates("c1", [Event("e1", T0, Count("k"))], ["rule-a", "rule-b"])], CancellationToken.None))[0];

        Assert.Equal(T0.AddMinutes(30), outcome.CooldownUntil["rule-a"]);
        Assert.False(outcome.CooldownUntil.ContainsKey("rule-b"));
    }

    [Fact]
    public async Task EvidenceIsTheNewestContributingEventsInsideTheWindow()
    {
        var store = CreateStore();
        var update = Count("k") with { KeepEvidence = true };
        await ApplyAsync(store, "c1", [.. Enumerable.Range(0, 5).Select(i => Event($"e{i}", T0.AddMinutes(i * 10), update))]);

        var evidence = (await store.GetEvidenceAsync([new EvidenceRequest("c1", "k", Hour, T0.AddMinutes(75))], CancellationToken.None))[0];

        Assert.Equal(["e4", "e3", "e2"], evidence.Select(e => e.EventId));
        Assert.All(evidence, e => Assert.Equal("order.placed", e.Type));
        Assert.Equal(T0.AddMinutes(40), evidence[0].OccurredAt);
    }

    protected static StateUpdate Count(string key) => new(UpdateKind.Series, key, Hour, 60, 1, null, Apply: true, KeepEvidence: false);

    protected static StateUpdate Distinct(string key, string item) => new(UpdateKind.Distinct, key, Hour, 60, 0, item, Apply: true, KeepEvidence: false);

    protected static EventUpdates Event(string id, DateTimeOffset at, params StateUpdate[] updates) => new(id, "order.placed", at, updates);

    protected static async Task<CreatorOutcome> ApplyAsync(IWindowStore store, string creator, params EventUpdates[] events) =>
        (await store.ApplyAsync([new CreatorUpdates(creator, events, [])], CancellationToken.None))[0];

    private static async Task<double[]> ValuesAsync(IWindowStore store, string creator, StateUpdate update, params DateTimeOffset[] times)
    {
        var outcome = await ApplyAsync(store, creator, [.. times.Select((t, i) => Event($"e{i}", t, update))]);
        return [.. outcome.Events.Select(e => e.Values[0])];
    }
}
