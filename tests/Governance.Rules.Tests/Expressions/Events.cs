using System.Globalization;
using System.Text.Json;

namespace Governance.Rules.Tests.Expressions;

/// <summary>Builds <see cref="RuleEvent"/>s from JSON the way ingestion does: core fields plus every other field as an attribute.</summary>
internal static class Events
{
    private static readonly HashSet<string> Core = ["eventId", "source", "type", "creatorId", "occurredAt", "locale"];

    public static RuleEvent FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string Text(string name, string fallback) => root.TryGetProperty(name, out var v) ? v.GetString()! : fallback;
        return new RuleEvent
        {
            EventId = Text("eventId", "e-1"),
            Source = Text("source", "transaction"),
            Type = Text("type", "order.placed"),
            CreatorId = Text("creatorId", "c-1"),
            OccurredAt = DateTimeOffset.Parse(Text("occurredAt", "2025-03-04T13:45:00+02:00"), CultureInfo.InvariantCulture),
            Locale = root.TryGetProperty("locale", out var locale) ? locale.GetString() : null,
            Attributes = root.EnumerateObject()
                .Where(p => !Core.Contains(p.Name))
                .ToDictionary(p => p.Name, p => p.Value.Clone()),
        };
    }

    public static RuleEvent Order { get; } = FromJson("""
        {
          "type": "order.refunded", "locale": "es-MX", "amount": 150, "currency": "MXN",
          "paymentFingerprint": "fp-9", "deviceId": null, "price": 40, "listPrice": 100,
          "text": "Esta crema es una cura milagrosa", "productIds": ["p-1", "p-2", "p-3"],
          "campaign": { "id": "cmp-7", "budget": { "daily": 20 } }, "flags": [true, false],
          "createdAt": "2025-03-04T23:30:00Z", "quantity": 3, "note": "abc"
        }
        """);
}
