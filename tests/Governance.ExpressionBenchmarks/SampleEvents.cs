using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Rules;

namespace Governance.ExpressionBenchmarks;

/// <summary>A deterministic mix of content and transaction events, with attributes parsed from JSON as ingestion does.</summary>
internal static class SampleEvents
{
    private static readonly string[] TransactionTypes = ["order.placed", "order.placed", "order.refunded", "order.cancelled", "chargeback.opened"];
    private static readonly string[] ContentTypes = ["product.price_changed", "video.published", "live.comment", "live.started", "product.listed"];
    private static readonly string[] Texts =
    [
        "New drop: summer dresses on sale", "Esta crema es una cura milagrosa para la piel", "Best snack recipe ever",
        "This tea is a miracle cure, also a great snack", "Unboxing the new phone", "Oferta especial en zapatos",
        "Réplica perfecta, igual al original", "Live Q&A tonight about skincare routines and what really works for dry skin",
    ];

    public static IReadOnlyList<RuleEvent> Create(int count)
    {
        var random = new Random(42);
        return [.. Enumerable.Range(0, count).Select(i => ToRuleEvent(random.Next(2) == 0 ? Transaction(random, i) : Content(random, i)))];
    }

    private static JsonObject Transaction(Random r, int i)
    {
        var json = Core(r, i, "transaction", TransactionTypes[r.Next(TransactionTypes.Length)]);
        json["orderId"] = $"o-{i}";
        json["buyerId"] = $"b-{r.Next(50)}";
        json["amount"] = Math.Round(r.NextDouble() * 1500, 2);
        json["currency"] = new[] { "USD", "MXN", "EUR" }[r.Next(3)];
        if (r.Next(10) < 7)
        {
            json["paymentFingerprint"] = $"fp-{r.Next(30)}";
        }

        json["deviceId"] = r.Next(2) == 0 ? $"d-{r.Next(30)}" : null;
        return json;
    }

    private static JsonObject Content(Random r, int i)
    {
        var json = Core(r, i, "content", ContentTypes[r.Next(ContentTypes.Length)]);
        json["text"] = Texts[r.Next(Texts.Length)];
        json["productIds"] = new JsonArray([.. Enumerable.Range(0, r.Next(4)).Select(_ => (JsonNode)$"p-{r.Next(1, 6)}")]);
        var price = Math.Round(5 + r.NextDouble() * 200, 2);
        json["price"] = price;
        json["listPrice"] = Math.Round(price * (0.8 + r.NextDouble() * 2), 2);
        if (r.Next(3) == 0)
        {
            json["campaign"] = new JsonObject { ["id"] = $"cmp-{r.Next(5, 9)}", ["budget"] = new JsonObject { ["daily"] = r.Next(100) } };
        }

        json["viewerCount"] = r.Next(3000);
        return json;
    }

    private static JsonObject Core(Random r, int i, string source, string type) => new()
    {
        ["eventId"] = $"e-{i}",
        ["source"] = source,
        ["type"] = type,
        ["creatorId"] = $"c-{r.Next(20)}",
        ["occurredAt"] = new DateTimeOffset(2025, 3, 4, 0, 0, 0, TimeSpan.Zero).AddMinutes(r.Next(24 * 60)).ToString("O", CultureInfo.InvariantCulture),
        ["locale"] = new[] { "es-MX", "en-US", "ES-es", null }[r.Next(4)],
    };

    private static RuleEvent ToRuleEvent(JsonObject json)
    {
        var root = JsonDocument.Parse(json.ToJsonString()).RootElement;
        string? Text(string name) => root.GetProperty(name).GetString();
        string[] core = ["eventId", "source", "type", "creatorId", "occurredAt", "locale"];
        return new RuleEvent
        {
            EventId = Text("eventId")!,
            Source = Text("source")!,
            Type = Text("type")!,
            CreatorId = Text("creatorId")!,
            OccurredAt = DateTimeOffset.Parse(Text("occurredAt")!, CultureInfo.InvariantCulture),
            Locale = Text("locale"),
            Attributes = root.EnumerateObject().Where(p => !core.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value),
        };
    }
}
