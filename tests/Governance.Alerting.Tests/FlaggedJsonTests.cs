using System.Text.Json;
using Governance.Alerting.Scoring;
using Governance.Contracts;

namespace Governance.Alerting.Tests;

/// <summary>Splicing stored signal payloads into CreatorFlagged gives the bytes of serializing it whole.</summary>
public sealed class FlaggedJsonTests
{
    private static RiskSignalDetected Signal(int i) => new()
    {
        SignalId = $"c1:rule-{i}:{i}", CreatorId = "c1", RuleId = $"rule-{i}", RuleVersion = "v", Severity = "high", Mode = "enforce", Value = 12.5, Threshold = ">= 10", Window = "1h",
        WindowEnd = DateTimeOffset.UnixEpoch.AddMinutes(i), DetectedAt = DateTimeOffset.UnixEpoch.AddMinutes(i),
        Evidence = [new EvidenceItem { EventId = $"e{i}", Type = "order.paid", OccurredAt = DateTimeOffset.UnixEpoch }],
        Reasons = new LocalizedReasons { En = ["quote \" and \"signals\":[] inside"], Es = ["ñ"] },
    };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void SplicedMessageIsTheWholeMessageSerialized(int count)
    {
        var signals = Enumerable.Range(0, count).Select(Signal).ToList();
        var message = new CreatorFlagged
        {
            AlertId = Guid.NewGuid().ToString("D"), Revision = 2, CreatorId = "c1", Severity = "high", Score = 90.5, PriorityName = "high", Priority = 7,
            Signals = signals, Reasons = Reasons.For(90.5, "high", signals), FirstSignalAt = DateTimeOffset.UnixEpoch, FlaggedAt = DateTimeOffset.UnixEpoch.AddDays(1),
        };
        var payloads = signals.Select(s => JsonSerializer.Serialize(s, GovernanceJsonContext.Default.RiskSignalDetected)).ToList();

        Assert.Equal(JsonSerializer.Serialize(message, GovernanceJsonContext.Default.CreatorFlagged), FlaggedJson.Serialize(message, payloads));
    }
}
