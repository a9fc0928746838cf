using System.Text.Json;
using Governance.Rules.Engine;
using Governance.Rules.Model;

namespace Governance.Rules.Tests.Engine;

/// <summary>Rules built directly with delegates, so engine tests do not depend on the expression language.</summary>
internal static class TestRules
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static RuleDefinition Definition(string id, AggregateKind aggregate = AggregateKind.Count, string threshold = ">= 5", TimeSpan? window = null, TimeSpan? cooldown = null, int minimum = 0, Baseline? baseline = null, RuleSource source = RuleSource.Transaction)
    {
        Assert.True(Threshold.TryParse(threshold, out var parsed, out var error), error);
        return new RuleDefinition
        {
            Id = id,
            Title = id,
            Severity = Severity.High,
            Mode = RuleMode.Enforce,
            Source = source,
            When = new Located("true", default),
            Aggregate = aggregate,
            Window = window ?? TimeSpan.FromHours(1),
            Threshold = parsed!,
            Cooldown = cooldown ?? TimeSpan.FromMinutes(30),
            Minimum = minimum,
            Baseline = baseline,
            Reason = new LocalizedText("{value}", "{value}"),
            File = $"rules/{id}.yaml",
            Version = "v1",
            StateKey = id + "-state",
        };
    }

    public static RuleEvent Order(string id, DateTimeOffset at, string type = "order.placed", string creator = "c1", string buyer = "b1", string? fingerprint = null, double amount = 10) => new()
    {
        EventId = id,
        Source = "transaction",
        Type = type,
        CreatorId = creator,
        OccurredAt = at,
        Attributes = new Dictionary<string, JsonElement>
        {
            ["buyerId"] = JsonSerializer.SerializeToElement(buyer),
            ["amount"] = JsonSerializer.SerializeToElement(amount),
            ["paymentFingerprint"] = JsonSerializer.SerializeToElement(fingerprint ?? "fp-" + buyer),
        },
    };

    public static string? Attribute(RuleEvent e, string name) => e.Attributes.TryGetValue(name, out var v) ? v.ToString() : null;
}
