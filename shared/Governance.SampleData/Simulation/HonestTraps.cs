namespace Governance.SampleData.Simulation;

/// <summary>
/// Honest behaviour that looks like abuse at a glance. Each is what real shops do: sales peaks whose
/// refunds come hours later, seasonal sales, a launch that goes well, words that resemble policy terms,
/// families sharing a tablet, regulars who buy lunch every day, flash deals in a live stream, clearance.
/// </summary>
internal static class HonestTraps
{
    /// <summary>A busy shop's flash sale (3–6× for 1–2 h); 4–10 % of the sale's orders are refunded 1–8 h later.</summary>
    public static void BusySellerLateRefunds(Scene s)
    {
        var c = s.Creator;
        (c.TransactionsPerHour, c.RefundShare) = (s.Uniform(80, 250), 0.03);
        var (length, factor) = (s.Hours(1, 2), s.Uniform(3, 6));
        var from = s.Begin(length + TimeSpan.FromHours(3));
        c.Boosts.Add(new Boost(from, from + length, factor));
        // Extra orders of the sale (the boost ramps in and out: 3/4 of its factor on average).
        var extraOrders = c.TransactionsPerHour * length.TotalHours * (factor - 1) * 0.75;
        var refunds = (int)Math.Round(extraOrders * s.Uniform(0.04, 0.1));
        var last = from + length;
        for (var i = 0; i < refunds; i++)
        {
            var at = from + (length * s.Random.NextDouble()) + TimeSpan.FromHours(Math.Exp(Math.Log(3) + (0.5 * s.Activity.Gaussian())));
            if (at < s.End)
            {
                s.Add(s.Activity.AfterOrder(c, at, "order.refunded", injected: true));
                last = at > last ? at : last;
            }
        }

        s.Span = (from, last);
    }

    /// <summary>A mid-size shop's seasonal sale: 2–4× its orders for 3–6 hours, with ordinary 10–30 % discounts.</summary>
    public static void SeasonalSpike(Scene s)
    {
        var c = s.Creator;
        c.TransactionsPerHour = s.Uniform(15, 60);
        var (length, factor) = (s.Hours(3, 6), s.Uniform(2, 4));
        var from = s.Begin(length);
        c.Boosts.Add(new Boost(from, from + length, factor));
        foreach (var product in c.Products.Take(3))
        {
            var off = 0.1 + (0.05 * s.Random.Next(5));
            s.Add(new EventDraft { At = from, Creator = c, Type = "product.price_changed", Injected = true, ProductId = product.Sku, Price = Math.Round(product.ListPrice * (1 - off), 2), ListPrice = product.ListPrice });
        }

        s.Span = (from, from + length);
    }

    /// <summary>A new creator's launch video takes off: 30–150 orders from distinct buyers over 3–6 hours, front-loaded.</summary>
    public static void GoodFirstDay(Scene s)
    {
        var c = s.Creator;
        c.TransactionsPerHour = s.Uniform(3, 8);
        var span = s.Hours(3, 6);
        var launch = s.Begin(span);
        c.ActiveFrom = launch;
        s.Add(new EventDraft { At = launch, Creator = c, Type = "video.published", Injected = true, Text = s.Activity.Caption(c) });
        var orders = 30 + s.Random.Next(121);
        foreach (var at in Enumerable.Range(0, orders).Select(_ => launch + TimeSpan.FromMinutes(2) + (span * Math.Pow(s.Random.NextDouble(), 1.5))).Order())
        {
            s.Add(s.Activity.Order(c, at, s.Activity.NewBuyer(), injected: true));
        }
    }

    /// <summary>3–8 posts with words close to policy terms: cured ham, skin care, AAA batteries, "no es una crema milagro".</summary>
    public static void NearMissWords(Scene s)
    {
        s.Creator.TransactionsPerHour = s.Uniform(5, 30);
        foreach (var at in s.Times(s.Begin(TimeSpan.Zero), s.End - s.Begin(TimeSpan.Zero), 3 + s.Random.Next(6)))
        {
            var type = s.Random.Next(3) switch { 0 => "video.published", 1 => "post.published", _ => "product.listed" };
            s.Add(new EventDraft { At = at, Creator = s.Creator, Type = type, Injected = true, Text = s.Pick(Texts.NearMissEn[s.Random.Next(Texts.Categories)], Texts.NearMissEs[s.Random.Next(Texts.Categories)]) });
        }
    }

    /// <summary>2–4 households (2–3 people on one tablet and address, each with their own account and card) order 1–2 times each.</summary>
    public static void HouseholdDevices(Scene s)
    {
        s.Creator.TransactionsPerHour = s.Uniform(10, 40);
        var households = 2 + s.Random.Next(3);
        var orders = new List<(DateTimeOffset At, long Buyer)>();
        for (var h = 0; h < households; h++)
        {
            foreach (var member in s.Buyers.Household(s.Buyers.NextHouseholdBlock(s.Random.NextInt64(Buyers.Space / 4))))
            {
                orders.AddRange(s.Times(s.Begin(TimeSpan.Zero), TimeSpan.FromHours(6), 1 + s.Random.Next(2)).Select(at => (at, member)));
            }
        }

        foreach (var (at, buyer) in orders.Where(o => o.At < s.End).OrderBy(o => o.At))
        {
            s.Add(s.Activity.Order(s.Creator, at, buyer, injected: true));
        }
    }

    /// <summary>A coffee or lunch shop whose 3–8 regulars order 2–4 times through the day.</summary>
    public static void LoyalRegulars(Scene s)
    {
        s.Creator.TransactionsPerHour = s.Uniform(10, 40);
        var regulars = 3 + s.Random.Next(6);
        var orders = new List<(DateTimeOffset At, long Buyer)>();
        for (var r = 0; r < regulars; r++)
        {
            var buyer = s.Activity.NewBuyer();
            var first = s.Begin(TimeSpan.FromHours(1));
            orders.AddRange(s.Times(first, TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(9).Ticks, (s.End - first).Ticks)), 2 + s.Random.Next(3)).Select(at => (at, buyer)));
        }

        foreach (var (at, buyer) in orders.OrderBy(o => o.At))
        {
            s.Add(s.Activity.Order(s.Creator, at, buyer, injected: true));
        }
    }

    /// <summary>1–2 live streams, each with a flash deal: one or two products cut 20–30 % for a while, then restored.</summary>
    public static void LiveFlashDeal(Scene s)
    {
        var c = s.Creator;
        c.TransactionsPerHour = s.Uniform(10, 40);
        var lives = 1 + s.Random.Next(2);
        for (var l = 0; l < lives; l++)
        {
            var length = s.Minutes(40, 90);
            var start = s.Begin(length);
            if (start < c.LiveUntil)
            {
                continue;
            }

            s.Add(s.Activity.Live(c, start, length) with { Injected = true });
            foreach (var product in c.Products.Skip(s.Random.Next(c.Products.Length)).Take(1 + s.Random.Next(2)))
            {
                var cut = start + s.Minutes(5, length.TotalMinutes / 2);
                var price = Math.Round(product.ListPrice * (1 - s.Uniform(0.2, 0.3)), 2);
                s.Add(new EventDraft { At = cut, Creator = c, Type = "product.price_changed", Injected = true, ProductId = product.Sku, Price = price, ListPrice = product.ListPrice });
                s.Add(new EventDraft { At = cut + s.Minutes(5, 20), Creator = c, Type = "product.price_changed", Injected = true, ProductId = product.Sku, Price = product.ListPrice });
            }
        }
    }

    /// <summary>End-of-season clearance: 2–6 products at 40–70 % off their real, long-standing list price.</summary>
    public static void ClearanceSale(Scene s)
    {
        var c = s.Creator;
        c.TransactionsPerHour = s.Uniform(10, 40);
        var from = s.Begin(TimeSpan.FromHours(1));
        foreach (var product in c.Products.Take(2 + s.Random.Next(5)))
        {
            var off = s.Uniform(0.4, 0.7);
            s.Add(new EventDraft
            {
                At = from + s.Minutes(0, 60), Creator = c, Type = "product.price_changed", Injected = true, ProductId = product.Sku,
                Price = Math.Round(product.ListPrice * (1 - off), 2), ListPrice = product.ListPrice,
                Text = c.Spanish ? "Liquidación de fin de temporada" : "End of season clearance",
            });
        }
    }
}
