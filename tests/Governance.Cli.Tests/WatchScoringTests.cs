using System.Text;
using Governance.Cli.Rules;
using Governance.Cli.Watch;
using Governance.SampleData.Simulation;

namespace Governance.Cli.Tests;

/// <summary>The watcher's end-of-run scoring: creator-level precision and recall against a truth, wall-clock latency.</summary>
public sealed class WatchScoringTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);
    private static readonly (string, bool)[] Rules = [("refund-burst", true), ("health-claims", true), ("off-platform-payment", false)];

    [Fact]
    public void PrecisionIsOverFlaggedCreatorsInScopeAndRecallOverAbusiveCreatorsWhoseAbuseBegan()
    {
        TruthEntry[] truth =
        [
            Abuse("demo-7-s1-c00001", "refund-burst"),          // begun, alerted 2 s after its first abusive event
            Abuse("demo-7-s1-c00002", "health-claims"),         // never produced: its abuse had not begun
            Abuse("demo-7-s1-c00003", "off-platform-payment"),  // only a shadow rule targets it: not in the recall
            Abuse("demo-7-s1-c00004", "refund-burst"),          // begun, never alerted: a miss
            new("demo-7-s1-c00005", "near-miss-words", TruthEntry.Honest, T0, T0),   // a trap, alerted: false positive
        ];
        var produced = new Dictionary<string, DateTimeOffset>
        {
            ["demo-7-s1-c00001"] = T0.AddMinutes(1),
            ["demo-7-s1-c00003"] = T0.AddMinutes(2),
            ["demo-7-s1-c00004"] = T0.AddMinutes(3),
        };
        var alerts = new Dictionary<string, DateTimeOffset>
        {
            ["demo-7-s1-c00001"] = T0.AddMinutes(1).AddSeconds(2),
            ["demo-7-s1-c00005"] = T0.AddMinutes(5),
            ["demo-7-s1-c00777"] = T0.AddMinutes(6),   // in scope, absent from the truth: honest, false positive
            ["demo-refunds-7"] = T0.AddMinutes(7),     // another feed's creator: not scored
        };

        var d = Detection.Score(truth, Detection.ScopeOf(truth), Rules, alerts, produced);

        Assert.Equal("demo-7-s1-c", d.Scope);
        Assert.Equal((3, 1, 2), (d.Flagged, d.TruePositives, d.FalsePositives));
        Assert.Equal(1.0 / 3, d.Precision!.Value, 6);
        Assert.Equal((2, 1), (d.Abusive, d.Caught));
        Assert.Equal(0.5, d.Recall);
        Assert.Equal((1, 1), (d.NotBegun, d.ShadowOnly));
        Assert.Equal(1, d.Timed);
        Assert.Equal(TimeSpan.FromSeconds(2), d.LatencyP50);
        Assert.Equal(TimeSpan.FromSeconds(2), d.LatencyP95);
    }

    [Fact]
    public void AnAbusiveCreatorFlaggedBeforeItsAbuseBeganCountsForPrecisionButIsNotTimed()
    {
        TruthEntry[] truth = [Abuse("sim-s1-c00010", "refund-burst")];
        var produced = new Dictionary<string, DateTimeOffset> { ["sim-s1-c00010"] = T0.AddMinutes(10) };
        var alerts = new Dictionary<string, DateTimeOffset> { ["sim-s1-c00010"] = T0.AddMinutes(4) };

        var d = Detection.Score(truth, "sim-s1-c", Rules, alerts, produced);

        Assert.Equal((1, 1), (d.Flagged, d.TruePositives));
        Assert.Equal(1.0, d.Precision);
        Assert.Equal(1.0, d.Recall);
        Assert.Equal(0, d.Timed);
        Assert.Null(d.LatencyP50);
    }

    [Fact]
    public void LatencyPercentilesAreNearestRankOverTheTimedCreators()
    {
        // Twenty abusive creators alerted 1 s, 2 s … 20 s after their first abusive event.
        var truth = Enumerable.Range(1, 20).Select(i => Abuse($"sim-s1-c{i:D5}", "refund-burst")).ToList();
        var produced = truth.ToDictionary(t => t.CreatorId, _ => T0);
        var alerts = truth.Select((t, i) => (t.CreatorId, At: T0.AddSeconds(i + 1))).ToDictionary(a => a.CreatorId, a => a.At);

        var d = Detection.Score(truth, "sim-s1-c", Rules, alerts, produced);

        Assert.Equal(20, d.Timed);
        Assert.Equal(TimeSpan.FromSeconds(10), d.LatencyP50);
        Assert.Equal(TimeSpan.FromSeconds(19), d.LatencyP95);
    }

    [Theory]
    [InlineData(new[] { 7.0 }, 7.0, 7.0)]
    [InlineData(new[] { 3.0, 1.0 }, 1.0, 3.0)]
    [InlineData(new[] { 5.0, 1.0, 4.0, 2.0, 3.0 }, 3.0, 5.0)]
    public void PercentileIsTheSmallestValueWithTheShareAtOrBelowIt(double[] seconds, double p50, double p95)
    {
        var values = seconds.Select(TimeSpan.FromSeconds).ToList();

        Assert.Equal(TimeSpan.FromSeconds(p50), LabelledReport.Percentile(values, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(p95), LabelledReport.Percentile(values, 0.95));
        Assert.Null(LabelledReport.Percentile([], 0.5));
    }

    [Theory]
    [InlineData("demo-1733-s1-c00128,demo-1733-s1-c00131", "demo-1733-s1-c")]
    [InlineData("sim-s2-c01999", "sim-s2-c")]
    [InlineData("sim-s1-c00001,sim-s1-c10000", "sim-s1-c")]
    [InlineData("alice,bob", "")]
    public void TheScopeIsTheTruthsCommonIdPrefixWithoutTheCreatorNumber(string ids, string scope)
    {
        var truth = ids.Split(',').Select(id => Abuse(id, "refund-burst")).ToList();

        Assert.Equal(scope, Detection.ScopeOf(truth));
    }

    [Fact]
    public void TheFirstAbusiveEventIsTheEarliestRecordAtOrAfterTheTruthsTimeWhateverOrderItWasProducedIn()
    {
        var first = T0.AddTicks(1_234);   // the truth keeps ticks, records whole milliseconds
        var abuse = new FirstAbuse([Abuse("c1", "refund-burst") with { FirstEventAt = first }, new TruthEntry("honest", "near-miss-words", TruthEntry.Honest, T0, T0)]);
        var produced = T0.AddHours(1);

        abuse.Saw("c1", Record(T0.AddSeconds(-1)), produced);                   // before the abuse: ignored
        abuse.Saw("c1", Record(T0.AddSeconds(30)), produced.AddSeconds(1));     // a later event, produced first (the other source lags)
        abuse.Saw("c1", Record(T0), produced.AddSeconds(5));                    // the first abusive event itself
        abuse.Saw("c1", "not json"u8, produced);

        Assert.True(abuse.Wants("c1"));
        Assert.False(abuse.Wants("honest"));
        Assert.Equal(produced.AddSeconds(5), abuse.ProducedAt()["c1"]);
    }

    private static TruthEntry Abuse(string creator, string pattern) => new(creator, pattern, TruthEntry.Abuse, T0, T0.AddMinutes(30));

    private static byte[] Record(DateTimeOffset at) =>
        Encoding.UTF8.GetBytes($$"""{"eventId":"e","type":"order.refunded","occurredAt":"{{at:O}}","creatorId":"c1"}""");
}
