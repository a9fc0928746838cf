using System.Text.Json;
using Governance.Cli.Rules;
using Governance.SampleData.Simulation;
using Governance.Scoring;
using Governance.Testing;

namespace Governance.Cli.Tests;

public sealed class LabelledBacktestTests : IDisposable
{
    private static readonly string Rules = Path.Combine(RepositoryPaths.Root, "rules");
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("governance-labels-");

    /// <summary>
    /// Hand-made: "abuser" has a refund burst (first refund 10:20, the rule fires on the fifth at 10:41, its orders explaining none);
    /// "honest-doctor" is honest but trips health-claims; "missed" is abusive (wash trading) and has no events.
    /// </summary>
    [Fact]
    public async Task PrecisionRecallAndLatencyAreComputedPerRuleAndOverall()
    {
        var (events, truth) = Write(
            "abuser,refund-burst,abuse,2026-03-01T10:20:00Z,2026-03-01T10:50:00Z",
            "honest-doctor,near-miss-words,honest,2026-03-01T10:00:00Z,",
            "missed,wash-trading,abuse,2026-03-01T09:00:00Z,");

        var (exit, output, error) = await CliRun.RunAsync("rules", "backtest", "--events", events, "--rules", Rules, "--labels", truth, "--format", "json");

        Assert.True(exit == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        var refund = Rule(report, "refund-burst");
        Assert.Equal((1, 1, 0, 1, 1), Counts(refund));
        Assert.Equal(1.0, refund.GetProperty("precision").GetDouble());
        Assert.Equal(1.0, refund.GetProperty("recall").GetDouble());
        Assert.Equal(21 * 60, refund.GetProperty("latencyP50Seconds").GetDouble());
        Assert.Equal(0, refund.GetProperty("afterCompleteP95Seconds").GetDouble());

        var health = Rule(report, "health-claims");
        Assert.Equal((1, 0, 1, 0, 0), Counts(health));
        Assert.Equal(0.0, health.GetProperty("precision").GetDouble());
        Assert.Equal(JsonValueKind.Null, health.GetProperty("recall").ValueKind);

        var wash = Rule(report, "wash-trading");
        Assert.Equal((0, 0, 0, 1, 0), Counts(wash));
        Assert.Equal(JsonValueKind.Null, wash.GetProperty("precision").ValueKind);
        Assert.Equal(0.0, wash.GetProperty("recall").GetDouble());

        var overall = report.GetProperty("overall");
        Assert.Equal((2, 1, 1, 2, 1), Counts(overall));
        Assert.Equal(0.5, overall.GetProperty("precision").GetDouble());
        Assert.Equal(0.5, overall.GetProperty("recall").GetDouble());

        // The pack's policy opens an alert on any one high signal: the alerts row is the overall one here.
        var alerts = report.GetProperty("alerts");
        Assert.Equal((2, 1, 1, 2, 1), Counts(alerts));

        var patterns = report.GetProperty("patterns").EnumerateArray().ToDictionary(p => p.GetProperty("pattern").GetString()!);
        Assert.Equal(1, patterns["near-miss-words"].GetProperty("flagged").GetInt32());
        Assert.Equal("health-claims", patterns["near-miss-words"].GetProperty("rules")[0].GetString());
    }

    [Fact]
    public async Task TheTableShowsEveryRuleTheOverallRowAndThePatterns()
    {
        var (events, truth) = Write("abuser,refund-burst,abuse,2026-03-01T10:20:00Z,");
        File.WriteAllText(truth.Replace(".csv", ".jsonl", StringComparison.Ordinal), """{"creatorId":"abuser","pattern":"refund-burst","firstEventAt":"2026-03-01T10:20:00Z"}""" + "\n");

        var (exit, output, error) = await CliRun.RunAsync("rules", "backtest", "--events", events, "--rules", Rules, "--labels", truth.Replace(".csv", ".jsonl", StringComparison.Ordinal));

        Assert.True(exit == 0, error);
        Assert.Matches(@"refund-burst\s*│ enforce │ 1\s*│ 1\s*│ 0\s*│ 1\s*│ 1\s*│ 1\.00\s*│ 1\.00\s*│ 21m00s", output);
        Assert.Contains("overall", output, StringComparison.Ordinal);
        Assert.Contains("Per pattern of the truth", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMalformedTruthLineIsNamed()
    {
        var (events, truth) = Write("abuser,refund-burst,abuse,not-a-time,");

        var (exit, _, error) = await CliRun.RunAsync("rules", "backtest", "--events", events, "--rules", Rules, "--labels", truth);

        Assert.Equal(1, exit);
        Assert.Contains("truth.csv:2: not a truth entry", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ASignalInTheMillisecondOfItsFirstAbusiveEventIsTimedAtZero()
    {
        // Windows keep event time in whole milliseconds; the truth keeps the simulator's ticks.
        var first = new DateTimeOffset(2026, 3, 1, 10, 20, 0, 123, TimeSpan.Zero).AddTicks(4_567);
        var report = LabelledReport.Score(
            [new LabelledSignal("health-claims", true, "abuser", new DateTimeOffset(2026, 3, 1, 10, 20, 0, 123, TimeSpan.Zero))],
            [new TruthEntry("abuser", "health-claims", "abuse", first, first)],
            [("health-claims", true)]);

        var row = Assert.Single(report.Rules);
        Assert.Equal(TimeSpan.Zero, row.LatencyP50);
        Assert.Equal(TimeSpan.Zero, row.AfterCompleteP95);
    }

    [Fact]
    public void AlertReplayOpensAnAlertOnlyWhereThePolicyEscalates()
    {
        var policy = EscalationPolicyParser.Load(Path.Combine(Rules, EscalationPolicyParser.RelativePath));
        var t0 = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var alerts = AlertReplay.FirstAlerts(
            [
                ("inflated-list-price", Governance.Rules.Model.Severity.Medium, "one-medium", t0),
                ("a", Governance.Rules.Model.Severity.Medium, "two-mediums", t0),
                ("b", Governance.Rules.Model.Severity.Medium, "two-mediums", t0.AddHours(1)),
                ("a", Governance.Rules.Model.Severity.Medium, "decayed", t0),
                ("b", Governance.Rules.Model.Severity.Medium, "decayed", t0.AddDays(3)),
            ],
            policy,
            AlertReplay.DefaultHalfLife);

        // Two mediums an hour apart reach 50 less an hour of decay: just under the lowest tier.
        Assert.Empty(alerts);
        var withHigh = AlertReplay.FirstAlerts([("a", Governance.Rules.Model.Severity.Medium, "c", t0), ("b", Governance.Rules.Model.Severity.High, "c", t0.AddHours(1))], policy, AlertReplay.DefaultHalfLife);
        Assert.Equal(t0.AddHours(1), Assert.Single(withHigh).At);
    }

    public void Dispose() => _temp.Delete(recursive: true);

    private (string Events, string Truth) Write(params string[] truthLines)
    {
        var events = Path.Combine(_temp.FullName, "events.jsonl");
        File.WriteAllLines(events, File.ReadAllLines(Path.Combine(Rules, "fixtures", "refund-burst.fires.jsonl")).Select(l => l.Replace("creator-1", "abuser", StringComparison.Ordinal))
            .Concat(File.ReadAllLines(Path.Combine(Rules, "fixtures", "health-claims.fires-es.jsonl")).Select(l => l.Replace("creator-1", "honest-doctor", StringComparison.Ordinal))));
        var truth = Path.Combine(_temp.FullName, "truth.csv");
        File.WriteAllLines(truth, truthLines.Prepend("creatorId,pattern,label,firstEventAt,completedAt"));
        return (events, truth);
    }

    private static JsonElement Rule(JsonElement report, string id) =>
        report.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == id);

    private static (int, int, int, int, int) Counts(JsonElement row) => (
        row.GetProperty("flagged").GetInt32(), row.GetProperty("truePositives").GetInt32(), row.GetProperty("falsePositives").GetInt32(),
        row.GetProperty("abusive").GetInt32(), row.GetProperty("caught").GetInt32());
}
