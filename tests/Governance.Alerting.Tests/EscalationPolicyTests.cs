using CsCheck;
using Governance.Rules.Model;
using Governance.Scoring;
using Governance.Testing;

namespace Governance.Alerting.Tests;

/// <summary>The reviewed policy file and how it decides.</summary>
public sealed class EscalationPolicyTests
{
    private static readonly EscalationPolicy Policy = EscalationPolicyParser.Load(Path.Combine(RepositoryPaths.Root, "rules", EscalationPolicyParser.RelativePath));

    [Fact]
    public void TheRepositoryPolicyLoads()
    {
        Assert.Equal(["urgent", "high", "normal"], Policy.Tiers.Select(t => t.Name));
        Assert.Equal(2, Policy.MinDistinctRules);
        Assert.Contains(Severity.Critical, Policy.AloneSeverities);
    }

    [Theory]
    [InlineData("low")]
    [InlineData("medium")]
    [InlineData("high")]
    public void ASingleNonCriticalSignalNeverEscalates(string severity)
    {
        var level = Enum.Parse<Severity>(severity, ignoreCase: true);
        Assert.Null(Policy.Decide(Policy.Weight("refund-burst", level), [new ScoredSignal("refund-burst", level)]));
    }

    [Fact]
    public void ACriticalSignalEscalatesAloneAtTheAlonePriority()
    {
        var escalation = Policy.Decide(100, [new ScoredSignal("payment-ring", Severity.Critical)]);
        Assert.NotNull(escalation);
        Assert.Equal("urgent", escalation.Tier.Name);
        Assert.Equal(EscalationCause.Alone, escalation.Cause);
    }

    [Fact]
    public void TwoMediumSignalsOfDifferentRulesEscalateTogether()
    {
        var escalation = Policy.Decide(50, [new ScoredSignal("refund-ratio", Severity.Medium), new ScoredSignal("order-surge", Severity.Medium)]);
        Assert.Equal("normal", escalation?.Tier.Name);
        Assert.Equal((byte)4, escalation!.Tier.MessagePriority);
    }

    [Fact]
    public void ManySignalsOfOneRuleDoNotEscalateWithoutASecondRule() =>
        Assert.Null(Policy.Decide(500, [.. Enumerable.Repeat(new ScoredSignal("refund-burst", Severity.High), 10)]));

    [Fact]
    public void AHigherScoreNeverLowersThePriority() =>
        Gen.Select(Gen.Double[0, 400], Gen.Double[0, 400]).Sample((a, b) =>
        {
            var signals = new[] { new ScoredSignal("a", Severity.Medium), new ScoredSignal("b", Severity.High) };
            var low = Policy.Decide(Math.Min(a, b), signals)?.Tier.MinScore ?? -1;
            var high = Policy.Decide(Math.Max(a, b), signals)?.Tier.MinScore ?? -1;
            return high >= low;
        });

    [Fact]
    public void AnOpenAlertKeepsAtLeastTheLowestPriorityWhileItsScoreDecays() =>
        Assert.Equal("normal", Policy.TierOfOpenAlert(1, [new ScoredSignal("a", Severity.Low)]).Name);

    [Fact]
    public void InvalidPolicyErrorsNameTheFileLineAndField()
    {
        var errors = new List<RuleError>();
        var policy = EscalationPolicyParser.Parse("policy/escalation.yaml", """
            weights:
              severity: { low: 10, medium: -1, high: 45, critical: 100 }
            priorities:
              - { name: urgent, minScore: 150, messagePriority: 9 }
              - { name: high, minScore: 90, messagePriority: 300 }
            minDistinctRules: 2
            lookback: 7x
            escalateAlone: { severities: [severe], priority: nope }
            alertExpiry: 14d
            colour: blue
            """, errors);

        Assert.Null(policy);
        var text = string.Join("\n", errors);
        Assert.Contains("policy/escalation.yaml:2:", text, StringComparison.Ordinal);
        Assert.Contains("weights.severity.medium", text, StringComparison.Ordinal);
        Assert.Contains("priorities.messagePriority", text, StringComparison.Ordinal);
        Assert.Contains("lookback", text, StringComparison.Ordinal);
        Assert.Contains("'severe' is not one of", text, StringComparison.Ordinal);
        Assert.Contains("'nope' is not one of the priorities", text, StringComparison.Ordinal);
        Assert.Contains("colour: unknown field", text, StringComparison.Ordinal);
    }
}
