using CsCheck;
using Governance.Rules.Model;
using Governance.Rules.Packs;
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
        Assert.Equal(1, Policy.MinDistinctRules);
        Assert.Contains(Severity.Critical, Policy.AloneSeverities);
    }

    [Theory]
    [InlineData("low")]
    [InlineData("medium")]
    public void ASingleLowOrMediumSignalNeverEscalates(string severity)
    {
        var level = Enum.Parse<Severity>(severity, ignoreCase: true);
        Assert.Null(Policy.Decide(Policy.Weight("refund-burst", level), [new ScoredSignal("refund-burst", level)]));
    }

    [Fact]
    public void ASingleHighSignalEscalatesAtNormalPriority()
    {
        // Each high rule of the pack is abuse a moderator must see on its own (one self-purchase, one health claim).
        var escalation = Policy.Decide(Policy.Weight("self-purchase", Severity.High), [new ScoredSignal("self-purchase", Severity.High)]);
        Assert.Equal("normal", escalation?.Tier.Name);
        Assert.Equal(EscalationCause.Score, escalation!.Cause);
    }

    [Fact]
    public void EveryEnforcedRuleOfThePackReachesModeratorsOnItsOwn()
    {
        // Hidden labelled streams are scored on CreatorFlagged: an enforced rule whose single signal
        // cannot open an alert would catch nothing there.
        var pack = RulePackFiles.Read(Path.Combine(RepositoryPaths.Root, "rules"));
        var compiled = RulePackCompiler.Compile(pack);
        Assert.True(compiled.IsValid, string.Join("\n", compiled.Errors));
        foreach (var rule in compiled.Pack!.Rules.Where(r => r.Definition.Mode == RuleMode.Enforce))
        {
            var severity = rule.Definition.Severity;
            Assert.True(Policy.Decide(Policy.Weight(rule.Id, severity), [new ScoredSignal(rule.Id, severity)]) is not null, $"{rule.Id} ({severity}) does not escalate alone");
        }
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
    public void RepeatedMediumSignalsOfOneRuleWaitForASecondRuleWhenThePolicyAsks()
    {
        var strict = Policy with { MinDistinctRules = 2 };
        Assert.Null(strict.Decide(500, [.. Enumerable.Repeat(new ScoredSignal("live-price-changes", Severity.Medium), 10)]));
        Assert.NotNull(strict.Decide(50, [new ScoredSignal("live-price-changes", Severity.Medium), new ScoredSignal("inflated-list-price", Severity.Medium)]));
    }

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
