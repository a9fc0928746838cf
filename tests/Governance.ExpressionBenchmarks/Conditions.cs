namespace Governance.ExpressionBenchmarks;

/// <summary>
/// Realistic rule conditions. DynamicExpresso reads attributes through adapter methods (<c>e.Num("amount")</c>);
/// CEL errors on a missing map key, so its versions guard every attribute with <c>has()</c>.
/// </summary>
internal static class Conditions
{
    public static IReadOnlyList<Condition> All { get; } =
    [
        new("refund",
            """event.type == "order.refunded" """,
            """e.Type == "order.refunded" """,
            """event.type == "order.refunded" """),
        new("order-amount",
            """event.type in ["order.placed", "order.refunded"] && event.amount >= 100""",
            """(e.Type == "order.placed" || e.Type == "order.refunded") && e.Num("amount") >= 100""",
            """event.type in ["order.placed", "order.refunded"] && has(event.amount) && event.amount >= 100.0"""),
        new("price-inflated",
            """event.type == "product.price_changed" && event.listPrice > event.price * 2""",
            """e.Type == "product.price_changed" && e.Num("listPrice") > e.Num("price") * 2""",
            """event.type == "product.price_changed" && has(event.listPrice) && has(event.price) && event.listPrice > event.price * 2.0"""),
        new("health-claims",
            """matches(event.text, "health-claims") && !matches(event.text, "food")""",
            """Matches(e.Str("text"), "health-claims") && !Matches(e.Str("text"), "food")""",
            """has(event.text) && termsMatch(event.text, "health-claims") && !termsMatch(event.text, "food")"""),
        new("deep-discount",
            """has(event.listPrice) && event.price < event.listPrice * 0.5""",
            """e.Has("listPrice") && e.Num("price") < e.Num("listPrice") * 0.5""",
            """has(event.listPrice) && has(event.price) && event.price < event.listPrice * 0.5"""),
        new("spanish-content",
            """startsWith(lower(event.locale), "es") && event.source == "content" """,
            """e.Locale != null && e.Locale.ToLowerInvariant().StartsWith("es") && e.Source == "content" """,
            """has(event.locale) && lower(event.locale).startsWith("es") && event.source == "content" """),
        new("large-usd-order",
            """event.type == "order.placed" && event.amount > 500 && event.currency == "USD" """,
            """e.Type == "order.placed" && e.Num("amount") > 500 && e.Str("currency") == "USD" """,
            """event.type == "order.placed" && has(event.amount) && event.amount > 500.0 && has(event.currency) && event.currency == "USD" """),
        new("product-listed",
            """ "p-1" in event.productIds""",
            """e.ListContains("productIds", "p-1")""",
            """has(event.productIds) && "p-1" in event.productIds"""),
        new("night-order",
            """event.source == "transaction" && hour(event.occurredAt) < 6""",
            """e.Source == "transaction" && e.OccurredAt.UtcDateTime.Hour < 6""",
            """event.source == "transaction" && event.occurredAt.getHours() < 6"""),
        new("fingerprinted",
            """coalesce(event.deviceId, event.paymentFingerprint) != null && event.type == "order.placed" """,
            """(e.Str("deviceId") ?? e.Str("paymentFingerprint")) != null && e.Type == "order.placed" """,
            """(has(event.deviceId) || has(event.paymentFingerprint)) && event.type == "order.placed" """),
        new("campaign-live",
            """event.campaign.id == "cmp-7" && event.viewerCount >= 1000""",
            """e.Path("campaign", "id") == "cmp-7" && e.Num("viewerCount") >= 1000""",
            """has(event.campaign) && has(event.campaign.id) && event.campaign.id == "cmp-7" && has(event.viewerCount) && event.viewerCount >= 1000.0"""),
    ];
}
