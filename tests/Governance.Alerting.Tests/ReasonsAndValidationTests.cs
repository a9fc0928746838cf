using Governance.Alerting.Scoring;
using Governance.Contracts;

namespace Governance.Alerting.Tests;

/// <summary>Reasons in both languages and what makes a signal poison.</summary>
public sealed class ReasonsAndValidationTests
{
    private static RiskSignalDetected Signal(string rule, LocalizedReasons? reasons = null, string severity = "high", string mode = "enforce") => new()
    {
        SignalId = "s-" + rule, CreatorId = "c1", RuleId = rule, RuleVersion = "v", Severity = severity, Mode = mode, Value = 12, Threshold = ">= 10", Window = "1h",
        WindowEnd = DateTimeOffset.UnixEpoch.AddDays(1), Evidence = [], DetectedAt = DateTimeOffset.UnixEpoch.AddDays(1), Reasons = reasons,
    };

    [Fact]
    public void ReasonsKeepTheWorkersRenderedTemplatesAndFallBackToTheSignalsFields()
    {
        var reasons = Reasons.For(70.25, "normal", [
            Signal("refund-burst", new LocalizedReasons { En = ["12 refunds in the last 1h"], Es = ["12 reembolsos en la última 1h"] }),
            Signal("order-surge"),
        ]);

        Assert.Equal("Risk score 70.3 (normal) from 2 signal(s) of 2 rule(s)", reasons.En[0]);
        Assert.Equal("Puntuación de riesgo 70.3 (normal) por 2 señal(es) de 2 regla(s)", reasons.Es[0]);
        Assert.Contains("12 reembolsos en la última 1h", reasons.Es);
        Assert.Contains("order-surge: valor 12 (umbral >= 10, ventana 1h)", reasons.Es);
        Assert.Contains("order-surge: value 12 (threshold >= 10, window 1h)", reasons.En);
    }

    [Theory]
    [InlineData("catastrophic", "enforce", "severity")]
    [InlineData("high", "maybe", "mode")]
    [InlineData("3", "enforce", "severity")]
    public void SignalsThatCanNeverBeScoredArePoison(string severity, string mode, string named)
    {
        var ex = Assert.Throws<InvalidSignalException>(() => SignalValidation.Check(Signal("r", severity: severity, mode: mode)));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StableIdsAreTheSameForTheSameInput()
    {
        Assert.Equal(StableIds.Alert("c1", 1), StableIds.Alert("c1", 1));
        Assert.NotEqual(StableIds.Alert("c1", 1), StableIds.Alert("c1", 2));
        Assert.NotEqual(StableIds.Alert("c1", 1), StableIds.Alert("c2", 1));
        var alert = StableIds.Alert("c1", 1);
        Assert.NotEqual(StableIds.Message(alert, 1), StableIds.Message(alert, 2));
    }
}
