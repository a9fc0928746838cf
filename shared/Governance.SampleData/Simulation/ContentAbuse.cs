using System.Globalization;

namespace Governance.SampleData.Simulation;

/// <summary>Abuse in content and listings, in the creator's language, over its otherwise honest activity.</summary>
internal static class ContentAbuse
{
    private static readonly string[] ClaimTypes = ["video.published", "post.published", "product.listed", "live.started"];

    /// <summary>1–3 posts, videos, listings or streams claiming a product cures or treats a disease.</summary>
    public static void HealthClaims(Scene s) => Posts(s, Simulation.Texts.HealthClaimsEn, Simulation.Texts.HealthClaimsEs);

    /// <summary>1–3 posts asking buyers to pay outside the platform.</summary>
    public static void OffPlatformPayment(Scene s) => Posts(s, Simulation.Texts.OffPlatformEn, Simulation.Texts.OffPlatformEs);

    /// <summary>1–4 listings of replicas of branded goods, at replica prices.</summary>
    public static void CounterfeitListing(Scene s)
    {
        s.Creator.TransactionsPerHour = s.Uniform(3, 30);
        var span = s.Hours(0.5, 6);
        foreach (var at in s.Times(s.Begin(span), span, 1 + s.Random.Next(4)))
        {
            s.Add(new EventDraft
            {
                At = at, Creator = s.Creator, Type = "product.listed", Injected = true, Text = s.Pick(Simulation.Texts.CounterfeitEn, Simulation.Texts.CounterfeitEs),
                ProductId = Sku(s), Price = Math.Round(s.Uniform(25, 150), 2),
            });
        }
    }

    /// <summary>A product is listed, its price raised 30–100 % an hour or few later, then "discounted" back from the raised price.</summary>
    public static void PriceHikeBeforeDiscount(Scene s)
    {
        s.Creator.TransactionsPerHour = s.Uniform(3, 30);
        var (toHike, toSale) = (s.Hours(1, 4), s.Hours(1, 4));
        var listed = s.Begin(toHike + toSale);
        var (sku, regular) = (Sku(s), Math.Round(s.Creator.BasePrice * s.Uniform(0.7, 1.5), 2));
        var raised = Math.Round(regular * s.Uniform(1.3, 2), 2);
        var sale = Math.Round(regular * s.Uniform(0.9, 1.1), 2);
        // The listing at the regular price is ordinary; the abuse starts with the hike.
        s.Add(new EventDraft { At = listed, Creator = s.Creator, Type = "product.listed", ProductId = sku, Price = regular, Text = s.Activity.ProductName(s.Creator) });
        s.Add(new EventDraft { At = listed + toHike, Creator = s.Creator, Type = "product.price_changed", ProductId = sku, Price = raised, Injected = true });
        s.Add(new EventDraft
        {
            At = listed + toHike + toSale, Creator = s.Creator, Type = "product.price_changed", ProductId = sku, Price = sale, ListPrice = raised, Injected = true,
            Text = Discount(s, 1 - (sale / raised)),
        });
    }

    /// <summary>1–3 listings with a made-up "was" price: 50–85 % "off".</summary>
    public static void InflatedListPrice(Scene s)
    {
        s.Creator.TransactionsPerHour = s.Uniform(3, 30);
        var span = s.Hours(0.5, 6);
        foreach (var at in s.Times(s.Begin(span), span, 1 + s.Random.Next(3)))
        {
            var price = Math.Round(s.Creator.BasePrice * s.Uniform(0.7, 1.5), 2);
            var off = s.Uniform(0.5, 0.85);
            s.Add(new EventDraft
            {
                At = at, Creator = s.Creator, Type = s.Random.Next(2) == 0 ? "product.listed" : "product.price_changed", Injected = true, ProductId = Sku(s),
                Price = price, ListPrice = Math.Round(price / (1 - off), 2), Text = Discount(s, off),
            });
        }
    }

    /// <summary>During a live stream, one product's price is changed 3–9 times within 20–60 minutes (bait and switch).</summary>
    public static void LivePriceChanges(Scene s)
    {
        s.Creator.TransactionsPerHour = s.Uniform(5, 40);
        var length = s.Minutes(40, 90);
        var start = s.Begin(length);
        s.Add(s.Activity.Live(s.Creator, start, length));
        var (sku, regular) = (Sku(s), Math.Round(s.Creator.BasePrice * s.Uniform(0.7, 1.5), 2));
        var span = s.Minutes(20, Math.Min(60, length.TotalMinutes - 5));
        var times = s.Times(start + TimeSpan.FromMinutes(2), span, 3 + s.Random.Next(7));
        for (var i = 0; i < times.Count; i++)
        {
            // Low to pull viewers in, back up once they order; the list price stays the regular one.
            var price = i % 2 == 0 ? regular * s.Uniform(0.5, 0.7) : regular * s.Uniform(1, 1.2);
            s.Add(new EventDraft { At = times[i], Creator = s.Creator, Type = "product.price_changed", Injected = true, ProductId = sku, Price = Math.Round(price, 2), ListPrice = regular });
        }
    }

    private static void Posts(Scene s, string[] en, string[] es)
    {
        s.Creator.TransactionsPerHour = s.Uniform(3, 30);
        var span = s.Hours(0.5, 8);
        var times = s.Times(s.Begin(span), span, 1 + s.Random.Next(3));
        for (var i = 0; i < times.Count; i++)
        {
            var text = s.Pick(en, es);
            var type = ClaimTypes[s.Random.Next(ClaimTypes.Length)];
            s.Add(type == "live.started"
                ? s.Activity.Live(s.Creator, times[i], s.Minutes(20, 60), text: text) with { Injected = true }
                : new EventDraft { At = times[i], Creator = s.Creator, Type = type, Injected = true, Text = text, ProductId = type == "product.listed" ? Sku(s) : null });
        }
    }

    private static string Sku(Scene s) => "sku-" + s.Random.NextInt64(1L << 32).ToString("x8", CultureInfo.InvariantCulture);

    private static string Discount(Scene s, double off) =>
        string.Format(CultureInfo.InvariantCulture, s.Pick(Simulation.Texts.DiscountEn, Simulation.Texts.DiscountEs), (int)Math.Round(off * 100));
}
