using Governance.Contracts;

namespace Governance.Chaos.Tests;

/// <summary>The suite's alert comparison can fail for each reason it names (the suite's runs only show it passing).</summary>
public sealed class AlertComparisonTests
{
    private static readonly CreatorFlagged First = Alert("a-1", 1, "c-1", "high", ["s-1"]);
    private static readonly CreatorFlagged Updated = Alert("a-1", 2, "c-1", "urgent", ["s-1", "s-2"]);
    private static readonly CreatorFlagged Other = Alert("a-2", 1, "c-2", "normal", ["s-3"]);

    [Fact]
    public void TheSameAlertsEndingTheSameMatchWhateverTheirRevisions()
    {
        var comparison = AlertComparison.Compare([First, Updated, Other], [Updated with { Revision = 1 }, Other, Other]);

        Assert.True(comparison.Match, string.Join("\n", comparison.Differences));
        Assert.Equal(1, comparison.Repeats);
    }

    [Fact]
    public void AMissingAndAnExtraAlertAreCounted()
    {
        var comparison = AlertComparison.Compare([First, Other], [First, Alert("a-3", 1, "c-2", "normal", ["s-3"])]);

        Assert.False(comparison.Match);
        Assert.Equal((1, 1), (comparison.Missing, comparison.Extra));
    }

    [Fact]
    public void AnAlertEndingWithOtherSignalsOrPriorityDiffers()
    {
        Assert.Equal(1, AlertComparison.Compare([First, Updated], [First]).Differ);
        Assert.Equal(1, AlertComparison.Compare([Updated], [Updated with { PriorityName = "high" }]).Differ);
    }

    [Fact]
    public void ARevisionDeliveredTwiceMustBeTheSameMessage()
    {
        var comparison = AlertComparison.Compare([First], [First, First with { Score = 99 }]);

        Assert.False(comparison.Match);
        Assert.Equal(1, comparison.RepeatsDiffer);
    }

    private static CreatorFlagged Alert(string id, int revision, string creator, string priority, string[] signals) => new()
    {
        AlertId = id,
        Revision = revision,
        PriorityName = priority,
        Priority = 5,
        CreatorId = creator,
        Severity = "high",
        Score = 42.5,
        Signals = [.. signals.Select(s => new RiskSignalDetected
        {
            SignalId = s, CreatorId = creator, RuleId = "rule", RuleVersion = "1", Severity = "high", Mode = "enforce", Value = 1, Threshold = ">= 1",
            Window = "1h", WindowEnd = DateTimeOffset.UnixEpoch, Evidence = [], DetectedAt = DateTimeOffset.UnixEpoch,
        })],
        Reasons = new LocalizedReasons { En = ["why"], Es = ["por qué"] },
        FirstSignalAt = DateTimeOffset.UnixEpoch,
        FlaggedAt = DateTimeOffset.UnixEpoch,
    };
}
