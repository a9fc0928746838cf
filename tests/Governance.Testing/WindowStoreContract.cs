using Governance.Contracts;
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

    protected static WindowStoreOptions Options { get; } = new() { EvidenceLimit = 3 };

    /// <summary>A fresh, empty store.</summary>
    protected abstract IWindowStore CreateStore();

    [Fact]
    public async Task TheFirstPacksStatesBeganWithTheDeploymentAndLaterOnesWhenTheyCame()
    {
        var store = CreateStore();
        var epoch = await store.EpochAsync(T0, CancellationToken.None);

        // The first call is the deployment's first pack; a second worker asking for the same states gets the same starts.
        var first = await store.StateEpochsAsync(["surge"], epoch, T0.AddMinutes(1), CancellationToken.None);
        var again = await store.StateEpochsAsync(["surge"], epoch, T0.AddHours(1), CancellationToken.None);
        var added = await store.StateEpochsAsync(["surge", "edited"], epoch, T0.AddHours(5), CancellationToken.None);
        var later = await store.StateEpochsAsync(["edited"], epoch, T0.AddHours(9), CancellationToken.None);

        Assert.Equal([T0], first);
        Assert.Equal([T0], again);
        Assert.Equal([T0, T0.AddHours(5)], added);
        Assert.Equal([T0.AddHours(5)], later);
    }

    [Fact]
    public async Task AFirstPackWithoutBaselinesStillMarksTheDeployment()
    {
        var store = CreateStore();
        Assert.Empty(await store.StateEpochsAsync([], T0, T0.AddMinutes(1), CancellationToken.None));

        Assert.Equal([T0.AddHours(3)], await store.StateEpochsAsync(["surge"], T0, T0.AddHours(3), CancellationToken.None));
    }

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
    public async Task AnUpstreamDuplicateEventIdIsCountedOnce()
    {
        var store = CreateStore();
        var first = await ApplyAsync(store, "c1", Event("e1", T0, Count("k")), Event("e1", T0, Count("k")));
        var again = await ApplyAsync(store, "c1", Event("e1", T0, Count("k")), Event("e2", T0.AddMinutes(1), Count("k")));

        Assert.Equal([EventStatus.Applied, EventStatus.Duplicate], first.Events.Select(e => e.Status));
        Assert.Equal(1.0, first.Events[0].Values[0]);
        Assert.Empty(first.Events[1].Values);
        Assert.Equal(EventStatus.Duplicate, again.Events[0].Status);
        Assert.Equal(2, again.Events[1].Values[0]);
    }

    [Fact]
    public async Task ARedeliveredOffsetAppliesNothingWhateverItsEventIdAndTime()
    {
        var store = CreateStore();
        await ApplyAsync(store, "c1", At(Event("e1", T0, Count("k")), 0, 10), At(Event("e2", T0.AddMinutes(1), Count("k")), 0, 11));

        // The same offsets again (a redelivered batch) apply nothing, even as other ids much later;
        // the next offset, and the same offset of another partition, apply.
        var again = await ApplyAsync(
            store,
            "c1",
            At(Event("x1", T0.AddHours(5), Count("k")), 0, 10),
            At(Event("x2", T0.AddMinutes(2), Count("k")), 0, 11),
            At(Event("e3", T0.AddMinutes(3), Count("k")), 0, 12),
            At(Event("e4", T0.AddMinutes(4), Count("k")), 1, 11));

        Assert.Equal([EventStatus.Duplicate, EventStatus.Duplicate, EventStatus.Applied, EventStatus.Applied], again.Events.Select(e => e.Status));
        Assert.Equal(4, again.Events[3].Values[0]);
    }

    [Fact]
    public async Task AnOutOfOrderEventInsideTheWindowIsCountedInItsBucket()
    {
        var store = CreateStore();
        var outcome = await ApplyAsync(
            store,
            "c1",
            Event("e1", T0.AddMinutes(50), Count("k")),
            Event("e2", T0.AddMinutes(25), Count("k")),
            Event("e3", T0.AddMinutes(5), Count("k")));

        Assert.Equal([EventStatus.Applied, EventStatus.Applied, EventStatus.Applied], outcome.Events.Select(e => e.Status));
        Assert.Equal([1.0, 2.0, 3.0], outcome.Events.Select(e => e.Values[0]));
        Assert.All(outcome.Events, e => Assert.Equal(T0.AddMinutes(50), e.WindowEnd));
    }

    [Fact]
    public async Task AnEventOlderThanEveryWindowOfItsSourceIsTooLateAndHandedBack()
    {
        var store = CreateStore();
        var decisions = TestDecisions.None;
        var outcome = (await store.ApplyAsync(
            [new CreatorUpdates("c1", [
                Event("e1", T0.AddHours(3), Count("k")) with { Horizon = Hour },
                Event("e2", T0.AddHours(2).AddMinutes(1), Count("k")) with { Horizon = Hour },
                Event("e3", T0.AddHours(2), Count("k")) with { Horizon = Hour },
            ], [])],
            decisions,
            CancellationToken.None)).Creators[0];

        Assert.Equal([EventStatus.Applied, EventStatus.Applied, EventStatus.TooLate], outcome.Events.Select(e => e.Status));
        var late = Assert.Single(decisions.DeadLettered);
        Assert.Equal(("c1", "e3", T0.AddHours(3)), (late.CreatorId, late.EventId, late.Watermark));
    }

    [Fact]
    public async Task OneSourceFarBehindTheOtherDropsNothing()
    {
        var store = CreateStore();
        var content = Event("c-new", T0.AddHours(30), Count("posts")) with { Source = "content", Horizon = TimeSpan.FromDays(1) };
        var decisions = TestDecisions.None;
        var outcome = (await store.ApplyAsync(
            [new CreatorUpdates("c1", [content, .. Enumerable.Range(0, 3).Select(i => Event($"t{i}", T0.AddMinutes(i), Count("orders")) with { Source = "transaction", Horizon = Hour })], [])],
            decisions,
            CancellationToken.None)).Creators[0];

        Assert.All(outcome.Events, e => Assert.Equal(EventStatus.Applied, e.Status));
        Assert.Equal([1.0, 2.0, 3.0], outcome.Events.Skip(1).Select(e => e.Values[0]));
        Assert.Equal(T0.AddMinutes(2), outcome.Events[^1].WindowEnd);
        Assert.Empty(decisions.DeadLettered);
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
        var results = (await store.ApplyAsync(
            [
                new CreatorUpdates("c1", [Event("e1", T0, Count("k")), Event("e2", T0.AddMinutes(1), Count("other"))], []),
                new CreatorUpdates("c2", [Event("e3", T0, Count("k"))], []),
            ],
            TestDecisions.None,
            CancellationToken.None)).Creators;

        Assert.Equal(1, results[0].Events[1].Values[0]);
        Assert.Equal(1, results[1].Events[0].Values[0]);
    }

    [Fact]
    public async Task ADecidedSignalStartsItsCooldownWhichIsNeverShortened()
    {
        var store = CreateStore();
        var fired = await store.ApplyAsync([new CreatorUpdates("c1", [Event("e1", T0, Count("k"))], [])], TestDecisions.FireOnLastEvent("c1", "rule-a", "k", Hour, TimeSpan.FromMinutes(30)), CancellationToken.None);
        await store.ConfirmAsync(fired.Signals, CancellationToken.None);
        await store.ApplyAsync([new CreatorUpdates("c1", [Event("e2", T0.AddMinutes(1), Count("k"))], [])], TestDecisions.FireOnLastEvent("c1", "rule-a", "k", Hour, TimeSpan.FromMinutes(5)), CancellationToken.None);

        var outcome = (await store.ApplyAsync([new CreatorUpdates("c1", [Event("e3", T0.AddMinutes(2), Count("k"))], ["rule-a", "rule-b"])], TestDecisions.None, CancellationToken.None)).Creators[0];

        Assert.Equal(T0.AddMinutes(30), outcome.CooldownUntil["rule-a"]);
        Assert.False(outcome.CooldownUntil.ContainsKey("rule-b"));
    }

    [Fact]
    public async Task ASignalCarriesTheNewestContributingEventsInsideItsWindow()
    {
        var store = CreateStore();
        var update = Count("k") with { KeepEvidence = true };
        await ApplyAsync(store, "c1", [.. Enumerable.Range(0, 3).Select(i => Event($"e{i}", T0.AddMinutes(i * 10), update))]);

        // Two entries come from Redis (an earlier batch), two from the batch in hand.
        var fired = await store.ApplyAsync(
            [new CreatorUpdates("c1", [Event("e3", T0.AddMinutes(30), update), Event("e4", T0.AddMinutes(40), update)], [])],
            TestDecisions.FireOnLastEvent("c1", "rule-a", "k", TimeSpan.FromMinutes(35), Hour),
            CancellationToken.None);

        var signal = Assert.Single(fired.Signals);
        Assert.Equal(["e4", "e3", "e2"], signal.Evidence.Select(e => e.EventId));
        Assert.All(signal.Evidence, e => Assert.Equal("order.placed", e.Type));
        Assert.Equal(T0.AddMinutes(40), signal.Evidence[0].OccurredAt);
        Assert.Equal(5, signal.Value);
    }

    [Fact]
    public async Task ASignalsEvidenceIsWhatStoodAtItsTriggerHoweverTheInputIsBatched()
    {
        var update = Count("k") with { KeepEvidence = true };
        var events = Enumerable.Range(0, 6).Select(i => Event($"e{i}", T0.AddMinutes(i * 10), update)).ToArray();

        // Fired on e2: in a batch ending at e2, in one batch with the three events after it, and with
        // e0 and e1 stored by an earlier batch. Later events of the batch must not push out e0 … e2.
        var alone = await FireAsync(CreateStore(), [], events[..3], ^1);
        var withLater = await FireAsync(CreateStore(), [], events, 2);
        var split = await FireAsync(CreateStore(), events[..2], events[2..], 0);

        Assert.Equal(["e2", "e1", "e0"], alone.Evidence.Select(e => e.EventId));
        Assert.Equal(alone.Evidence, withLater.Evidence);
        Assert.Equal(alone.Evidence, split.Evidence);
    }

    protected static StateUpdate Count(string key) => new(UpdateKind.Series, key, Hour, 60, 1, null, Apply: true, KeepEvidence: false);

    protected static StateUpdate Distinct(string key, string item) => new(UpdateKind.Distinct, key, Hour, 60, 0, item, Apply: true, KeepEvidence: false);

    protected static EventUpdates Event(string id, DateTimeOffset at, params StateUpdate[] updates) => new(id, "order.placed", at, updates);

    protected static EventUpdates At(EventUpdates e, int partition, long offset) => e with { Position = new EventPosition(partition, offset) };

    protected static async Task<CreatorOutcome> ApplyAsync(IWindowStore store, string creator, params EventUpdates[] events) =>
        (await store.ApplyAsync([new CreatorUpdates(creator, events, [])], TestDecisions.None, CancellationToken.None)).Creators[0];

    private static async Task<RiskSignalDetected> FireAsync(IWindowStore store, EventUpdates[] earlier, EventUpdates[] batch, Index trigger)
    {
        if (earlier.Length > 0)
        {
            await ApplyAsync(store, "c1", earlier);
        }

        var fired = await store.ApplyAsync([new CreatorUpdates("c1", batch, [])], TestDecisions.FireOnEvent(trigger, "c1", "rule-a", "k", Hour, Hour), CancellationToken.None);
        return Assert.Single(fired.Signals);
    }

    private static async Task<double[]> ValuesAsync(IWindowStore store, string creator, StateUpdate update, params DateTimeOffset[] times)
    {
        var outcome = await ApplyAsync(store, creator, [.. times.Select((t, i) => Event($"e{i}", t, update))]);
        return [.. outcome.Events.Select(e => e.Values[0])];
    }
}
