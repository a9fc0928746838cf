using Governance.Rules.Model;

namespace Governance.Rules.Tests.Model;

public sealed class RuleFileParserTests
{
    private const string Valid = """
        id: refund-burst
        title: Refund burst
        description: Many refunds on one creator's orders within an hour
        owner: creator-governance
        severity: high
        mode: enforce
        source: transaction
        when: event.type == "order.refunded"
        aggregate: count
        window: 1h
        threshold: ">= 5"
        cooldown: 30m
        reason:
          en: "{value} refunds in the last hour (threshold {threshold})"
          es: "{value} reembolsos en la última hora (umbral {threshold})"
        tests:
          - name: fires on the fifth refund
            events: fixtures/refund-burst.fires.jsonl
            expect: { fires: true, value: 5 }
        """;

    [Fact]
    public void ValidRuleIsRead()
    {
        var rule = Parse("rules/refund-burst.yaml", Valid);

        Assert.Equal("refund-burst", rule.Id);
        Assert.Equal(Severity.High, rule.Severity);
        Assert.Equal(RuleSource.Transaction, rule.Source);
        Assert.Equal(AggregateKind.Count, rule.Aggregate);
        Assert.Equal(TimeSpan.FromHours(1), rule.Window);
        Assert.Equal(TimeSpan.FromMinutes(30), rule.Cooldown);
        Assert.True(rule.Threshold.IsMet(5));
        Assert.False(rule.Threshold.IsMet(4));
        Assert.Equal("event.type == \"order.refunded\"", rule.When.Text);
        Assert.Equal(new SourceSpan("rules/refund-burst.yaml", 8, 7), rule.When.Where);
        Assert.Equal(5, Assert.Single(rule.Tests).Value);
        Assert.Matches("^[0-9a-f]{12}$", rule.Version);
    }

    [Fact]
    public void BadWindowIsReportedWithFileLineColumnAndField()
    {
        var errors = Errors("rules/refund-burst.yaml", Valid.Replace("window: 1h", "window: 90x", StringComparison.Ordinal));

        var error = Assert.Single(errors);
        Assert.StartsWith("rules/refund-burst.yaml:10:9 window: '90x' is not a duration", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("window: 1h", "window: 30s", "window", "outside 1m")]
    [InlineData("window: 1h", "window: 31d", "window", "outside 1m")]
    [InlineData("threshold: \">= 5\"", "threshold: lots", "threshold", "not a threshold")]
    [InlineData("severity: high", "severity: urgent", "severity", "not one of low | medium | high | critical")]
    [InlineData("mode: enforce", "mode: maybe", "mode", "not one of enforce | shadow")]
    [InlineData("aggregate: count", "aggregate: median(event.amount)", "aggregate", "not an aggregate")]
    [InlineData("aggregate: count", "aggregate: sum()", "aggregate", "needs an expression")]
    [InlineData("aggregate: count", "aggregate: ratio(refunds / orders)", "aggregate", "not under 'filters'")]
    [InlineData("id: refund-burst", "id: Refund_Burst", "id", "not kebab-case")]
    [InlineData("id: refund-burst", "id: other-rule", "id", "must equal the file name")]
    [InlineData("cooldown: 30m", "coldown: 30m", "coldown", "did you mean 'cooldown'")]
    [InlineData("(threshold {threshold})\"\n  es", "{valor}\"\n  es", "reason.en", "unknown placeholder {valor}")]
    [InlineData("expect: { fires: true, value: 5 }", "expect: { fires: maybe }", "tests[0].expect.fires", "not true or false")]
    public void EachProblemNamesItsField(string from, string to, string field, string message)
    {
        var errors = Errors("rules/refund-burst.yaml", Valid.Replace(from, to, StringComparison.Ordinal));

        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void MissingRequiredFieldsAreAllReported()
    {
        var errors = Errors("rules/x.yaml", "id: x\n");

        Assert.Equal(
            ["aggregate", "reason", "severity", "source", "threshold", "title", "when", "window"],
            errors.Select(e => e.Field).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void InvalidYamlIsReportedWithItsPosition()
    {
        var error = Assert.Single(Errors("rules/x.yaml", "id: x\nwhen: [unclosed\n"));

        Assert.Equal("rules/x.yaml", error.Where.File);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EditingOnlyThresholdKeepsTheStateKeyButChangingTheWindowDoesNot()
    {
        var original = Parse("rules/refund-burst.yaml", Valid);
        var newThreshold = Parse("rules/refund-burst.yaml", Valid.Replace("\">= 5\"", "\">= 7\"", StringComparison.Ordinal).Replace("refunds in", "refunds within", StringComparison.Ordinal));
        var newWindow = Parse("rules/refund-burst.yaml", Valid.Replace("window: 1h", "window: 2h", StringComparison.Ordinal));

        Assert.Equal(original.StateKey, newThreshold.StateKey);
        Assert.NotEqual(original.Version, newThreshold.Version);
        Assert.NotEqual(original.StateKey, newWindow.StateKey);
    }

    [Fact]
    public void RatioBaselineAndGroupByAreRead()
    {
        var yaml = Valid
            .Replace("aggregate: count", "aggregate: ratio(refunds / orders)\nfilters:\n  refunds: event.type == \"order.refunded\"\n  orders: event.type == \"order.placed\"\ngroupBy: event.buyerId\nminimum: 10\nbaseline: { history: 7d, factor: 5 }", StringComparison.Ordinal);

        var rule = Parse("rules/refund-burst.yaml", yaml);

        Assert.Equal(AggregateKind.Ratio, rule.Aggregate);
        Assert.Equal(("refunds", "orders"), rule.RatioOf);
        Assert.Equal("event.buyerId", rule.GroupBy!.Text);
        Assert.Equal(10, rule.Minimum);
        Assert.Equal(new Baseline(TimeSpan.FromDays(7), 5), rule.Baseline);
    }

    [Fact]
    public void SumArgumentKeepsItsColumn()
    {
        var rule = Parse("rules/refund-burst.yaml", Valid.Replace("aggregate: count", "aggregate: sum(event.amount)", StringComparison.Ordinal));

        Assert.Equal("event.amount", rule.Argument!.Text);
        Assert.Equal(new SourceSpan("rules/refund-burst.yaml", 9, 16), rule.Argument.Where);
    }

    private static RuleDefinition Parse(string file, string yaml)
    {
        var errors = new List<RuleError>();
        var rule = RuleFileParser.Parse(file, yaml, errors);
        Assert.True(rule is not null, string.Join("\n", errors));
        return rule!;
    }

    private static List<RuleError> Errors(string file, string yaml)
    {
        var errors = new List<RuleError>();
        Assert.Null(RuleFileParser.Parse(file, yaml, errors));
        return errors;
    }
}
