using System.Globalization;

namespace Governance.SampleData.Simulation;

/// <summary>
/// Abuse in transactions, each played by one creator over its otherwise honest activity. Sizes and
/// spans are drawn from what such abuse looks like (a refund-fraud evening, an afternoon of stolen
/// cards, a paid batch of fake orders), not from the rules' thresholds: some instances stay below them.
/// </summary>
internal static class TransactionAbuse
{
    /// <summary>A shop that sees a refund every few hours suddenly gets 6–15 within 20–60 minutes.</summary>
    public static void RefundBurst(Scene s)
    {
        s.Creator.TransactionsPerHour = s.Uniform(5, 15);
        s.Creator.RefundShare = 0.04;
        var span = s.Minutes(20, 60);
        foreach (var at in s.Times(s.Begin(span), span, 6 + s.Random.Next(10)))
        {
            s.Add(s.Activity.AfterOrder(s.Creator, at, "order.refunded", injected: true));
        }
    }

    /// <summary>A shop with a chargeback every few days gets 4–7 in an afternoon (orders paid with stolen cards).</summary>
    public static void ChargebackBurst(Scene s)
    {
        s.Creator.TransactionsPerHour = s.Uniform(4, 12);
        s.Creator.ChargebackShare = 0.002;
        var span = s.Hours(2, 5);
        foreach (var at in s.Times(s.Begin(span), span, 4 + s.Random.Next(4)))
        {
            s.Add(s.Activity.AfterOrder(s.Creator, at, "chargeback.opened", injected: true));
        }
    }

    /// <summary>A new or dormant account gets 40–200 orders from fresh buyer accounts within 30–120 minutes.</summary>
    public static void OrderSurge(Scene s)
    {
        var span = s.Minutes(30, 120);
        var from = s.Begin(span);
        if (s.Random.Next(2) == 0)
        {
            s.Creator.ActiveFrom = from - s.Minutes(0, 30);
            s.Creator.TransactionsPerHour = s.Uniform(2, 6);
        }
        else
        {
            s.Creator.TransactionsPerHour = s.Uniform(0.05, 0.3);
        }

        foreach (var at in s.Times(from, span, 40 + s.Random.Next(161)))
        {
            s.Add(s.Activity.Order(s.Creator, at, s.Activity.NewBuyer(), injected: true));
        }
    }

    /// <summary>The creator (or the seller it promotes) buys its own products 1–3 times.</summary>
    public static void SelfPurchase(Scene s)
    {
        s.Creator.TransactionsPerHour = s.Uniform(5, 30);
        var span = s.Hours(1, 6);
        var own = s.Activity.NewBuyer();
        var asSeller = s.Random.Next(5) < 2;
        var seller = "seller-" + s.Creator.Id;
        foreach (var at in s.Times(s.Begin(span), span, 1 + s.Random.Next(3)))
        {
            var order = s.Activity.Order(s.Creator, at, own, injected: true);
            s.Add(asSeller ? order with { BuyerId = seller, SellerId = seller } : order with { BuyerId = s.Creator.Id });
        }
    }

    /// <summary>One buyer account orders 5–14 times within 2–8 hours to push the shop up the rankings.</summary>
    public static void WashTrading(Scene s)
    {
        s.Creator.TransactionsPerHour = s.Uniform(5, 40);
        var span = s.Hours(2, 8);
        var buyer = s.Activity.NewBuyer();
        foreach (var at in s.Times(s.Begin(span), span, 5 + s.Random.Next(10)))
        {
            s.Add(s.Activity.Order(s.Creator, at, buyer, injected: true));
        }
    }

    /// <summary>3–7 fake buyer accounts pay with one card, 1–3 orders each, within 1–8 hours.</summary>
    public static void PaymentRing(Scene s)
    {
        s.Creator.TransactionsPerHour = s.Uniform(5, 40);
        var card = "fp-" + s.Random.NextInt64(1L << 40).ToString("x10", CultureInfo.InvariantCulture);
        Ring(s, (order, _) => order with { PaymentFingerprint = card });
    }

    /// <summary>3–7 fake buyer accounts order from one phone, 1–2 orders each, within 1–8 hours.</summary>
    public static void DeviceRing(Scene s)
    {
        s.Creator.TransactionsPerHour = s.Uniform(5, 40);
        var device = "dev-" + s.Random.NextInt64(1L << 40).ToString("x10", CultureInfo.InvariantCulture);
        Ring(s, (order, _) => order with { DeviceId = device });
    }

    private static void Ring(Scene s, Func<EventDraft, long, EventDraft> share)
    {
        var span = s.Hours(1, 8);
        var from = s.Begin(span);
        var accounts = 3 + s.Random.Next(5);
        var orders = new List<(DateTimeOffset At, long Buyer)>();
        for (var i = 0; i < accounts; i++)
        {
            var buyer = s.Activity.NewBuyer();
            orders.AddRange(s.Times(from, span, 1 + s.Random.Next(2)).Select(at => (at, buyer)));
        }

        foreach (var (at, buyer) in orders.OrderBy(o => o.At))
        {
            s.Add(share(s.Activity.Order(s.Creator, at, buyer, injected: true), buyer));
        }
    }
}
