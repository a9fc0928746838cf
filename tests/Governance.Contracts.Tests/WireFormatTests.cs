using System.Text.Json;

namespace Governance.Contracts.Tests;

/// <summary>The JSON on the wire is the contract of docs/contracts.md.</summary>
public sealed class WireFormatTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RiskSignalDetectedUsesTheSpecFieldNames()
    {
        var signal = new RiskSignalDetected
        {
            SignalId = "s-1", CreatorId = "c-1", RuleId = "refund-burst", RuleVersion = "abc", Severity = "high", Mode = "enforce",
            Value = 5, Threshold = ">= 5", Window = "1h", WindowEnd = At, DetectedAt = At,
            Evidence = [new EvidenceItem { EventId = "e-1", Type = "order.refunded", OccurredAt = At }],
        };

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(signal, GovernanceJsonContext.Default.RiskSignalDetected));

        Assert.Equal(
            ["creatorId", "detectedAt", "evidence", "mode", "ruleId", "ruleVersion", "severity", "signalId", "threshold", "value", "window", "windowEnd"],
            json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("order.refunded", json.RootElement.GetProperty("evidence")[0].GetProperty("type").GetString());
    }

    [Fact]
    public void CreatorFlaggedCarriesReasonsInEnglishAndSpanish()
    {
        var flagged = new CreatorFlagged
        {
            AlertId = "a-1", CreatorId = "c-1", Severity = "high", Score = 0.9, Signals = [], FirstSignalAt = At, FlaggedAt = At, Priority = 7,
            Reasons = new LocalizedReasons { En = ["5 refunds"], Es = ["5 reembolsos"] },
        };

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(flagged, GovernanceJsonContext.Default.CreatorFlagged));

        Assert.Equal("5 reembolsos", json.RootElement.GetProperty("reasons").GetProperty("es")[0].GetString());
        Assert.Equal(7, json.RootElement.GetProperty("priority").GetInt32());
    }

    [Fact]
    public void CreatorEventRoundTripsWithSourceAsText()
    {
        var json = """{"eventId":"e","source":"transaction","type":"order.placed","creatorId":"c","occurredAt":"2026-03-01T09:00:00-03:00","ingestedAt":"2026-03-01T12:00:01Z","attributes":{"amount":12.5,"productIds":["p"]}}""";

        var evt = JsonSerializer.Deserialize(json, GovernanceJsonContext.Default.CreatorEvent)!;
        var again = JsonSerializer.Serialize(evt, GovernanceJsonContext.Default.CreatorEvent);

        Assert.Equal(EventSource.Transaction, evt.Source);
        Assert.Equal(TimeSpan.FromHours(-3), evt.OccurredAt.Offset);
        Assert.Equal(12.5m, evt.Attributes["amount"].GetDecimal());
        Assert.Contains("\"source\":\"transaction\"", again, StringComparison.Ordinal);
        Assert.DoesNotContain("\"locale\"", again, StringComparison.Ordinal);
    }

    [Fact]
    public void AttributesKeepEveryValueKindAndTheirOrderThroughARoundTrip()
    {
        var attributes = """{"text":"cura la diabetes","amount":12.50,"qty":3,"gift":true,"coupon":null,"productIds":["p1","p2"],"shipping":{"country":"MX","days":[1,2]}}""";
        var json = $$"""{"eventId":"e","source":"content","type":"post.created","creatorId":"c","occurredAt":"2026-03-01T09:00:00Z","ingestedAt":"2026-03-01T09:00:01Z","attributes":{{attributes}}}""";

        var evt = JsonSerializer.Deserialize(json, GovernanceJsonContext.Default.CreatorEvent)!;
        using var again = JsonDocument.Parse(JsonSerializer.Serialize(evt, GovernanceJsonContext.Default.CreatorEvent));

        Assert.Equal(["text", "amount", "qty", "gift", "coupon", "productIds", "shipping"], evt.Attributes.Keys);
        Assert.Equal(JsonValueKind.Null, evt.Attributes["coupon"].ValueKind);
        Assert.Equal("MX", evt.Attributes["shipping"].GetProperty("country").GetString());
        Assert.Equal(attributes, again.RootElement.GetProperty("attributes").GetRawText());
    }

    [Fact]
    public void AttributesThatAreNotAnObjectAreRejected()
    {
        var json = """{"eventId":"e","source":"content","type":"post.created","creatorId":"c","occurredAt":"2026-03-01T09:00:00Z","ingestedAt":"2026-03-01T09:00:01Z","attributes":["text"]}""";

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, GovernanceJsonContext.Default.CreatorEvent));

        Assert.Contains("attributes must be an object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModerationDecisionReadsFromToolsJson()
    {
        var decision = JsonSerializer.Deserialize(
            """{"alertId":"a-1","decision":"no_violation","moderatorId":"m-7","decidedAt":"2026-03-01T12:00:00Z","note":"seasonal sale"}""",
            GovernanceJsonContext.Default.ModerationDecision)!;

        Assert.Equal("no_violation", decision.Decision);
        Assert.Equal("seasonal sale", decision.Note);
    }

    [Fact]
    public void EveryRejectionReasonIsListedOnce()
    {
        Assert.Equal(8, RejectionReasons.All.Distinct().Count());
        Assert.All(RejectionReasons.All, r => Assert.Matches("^[a-z_]+$", r));
    }
}
