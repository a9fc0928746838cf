using System.Globalization;
using System.Text.Json.Nodes;
using Governance.Contracts;

namespace Governance.SampleData;

/// <summary>
/// A few creators abusing the platform in ways the default rule pack catches, for the demo stream:
/// a refund burst, a Spanish health claim, a replica listing and a payment-fingerprint ring.
/// </summary>
public static class DemoScenarios
{
    /// <summary>The scenario events, timed just before <paramref name="now"/>; ids carry <paramref name="run"/>.</summary>
    public static IReadOnlyList<RawEvent> Create(DateTimeOffset now, string run)
    {
        var events = new List<RawEvent>();
        var refunds = $"demo-refunds-{run}";
        events.Add(Transaction($"{refunds}-history", refunds, "order.placed", now.AddHours(-4), "buyer-0", "fp-0"));
        for (var i = 0; i < 12; i++)
        {
            events.Add(Transaction($"{refunds}-r{i}", refunds, "order.refunded", now.AddMinutes(-30 + (i * 2)), $"buyer-{i}", $"fp-{i}"));
        }

        var health = $"demo-health-{run}";
        events.Add(Content($"{health}-v", health, "video.published", now.AddMinutes(-5), "es-MX", "Este té CURA LA DIABETES en 30 días, ¡adiós a la insulina!"));
        var replica = $"demo-replica-{run}";
        events.Add(Content($"{replica}-l", replica, "product.listed", now.AddMinutes(-4), "es-ES", "Bolso réplica AAA calidad espejo, igual al original"));
        var ring = $"demo-ring-{run}";
        for (var i = 0; i < 5; i++)
        {
            events.Add(Transaction($"{ring}-o{i}", ring, "order.placed", now.AddMinutes(-20 + i), $"ring-buyer-{i}", "fp-shared-card"));
        }

        return events;
    }

    private static RawEvent Transaction(string id, string creator, string type, DateTimeOffset at, string buyer, string fingerprint) => new(
        Topics.Transactions,
        creator,
        new JsonObject
        {
            ["eventId"] = id, ["type"] = type, ["creatorId"] = creator, ["occurredAt"] = at.ToString("O", CultureInfo.InvariantCulture),
            ["orderId"] = "order-" + id, ["buyerId"] = buyer, ["amount"] = 49.9, ["currency"] = "MXN", ["paymentFingerprint"] = fingerprint,
        }.ToJsonString(),
        id,
        null);

    private static RawEvent Content(string id, string creator, string type, DateTimeOffset at, string locale, string text) => new(
        Topics.Content,
        creator,
        new JsonObject
        {
            ["eventId"] = id, ["type"] = type, ["creatorId"] = creator, ["occurredAt"] = at.ToString("O", CultureInfo.InvariantCulture),
            ["locale"] = locale, ["text"] = text, ["productIds"] = new JsonArray("sku-demo"), ["price"] = 45, ["currency"] = "MXN",
        }.ToJsonString(),
        id,
        null);
}
