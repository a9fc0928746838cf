using System.Globalization;

namespace Governance.SampleData.Simulation;

/// <summary>
/// What an honest creator's shop does next: posts, listings, price changes and live streams (with
/// viewers' comments), and orders with their refunds, cancellations, chargebacks and commissions
/// in the creator's own proportions.
/// </summary>
internal sealed class HonestActivity(Random random, Action<EventDraft> schedule)
{
    // Content types and their weights; live streams bring their comments and end as follow-ups.
    private static readonly (string Type, double Weight)[] ContentTypes =
    [
        ("video.published", 0.22), ("post.published", 0.28), ("product.listed", 0.2), ("product.price_changed", 0.15),
        ("live.started", 0.05), ("content.removed", 0.02),
    ];

    /// <summary>Share of a creator's own content that starts a live stream.</summary>
    public static double LiveShare => 0.05 / ContentTypes.Sum(t => t.Weight);

    /// <summary>Mean length of a live stream in minutes (20–90).</summary>
    public const double MeanLiveMinutes = 55;

    /// <summary>Viewers' comments per minute of a live stream: a small audience is quiet, a large one chats.</summary>
    public static double CommentsPerMinute(double viewers) => 0.1 + (0.002 * viewers);

    public EventDraft Next(Creator c, DateTimeOffset at) =>
        random.NextDouble() < c.ContentShareAt(at) ? Content(c, at) : Transaction(c, at);

    public EventDraft Order(Creator c, DateTimeOffset at, long buyer, bool injected = false, string? card = null, string? device = null)
    {
        var amount = Amount(c);
        var orderId = NewOrderId();
        c.Remember(new PastOrder(orderId, buyer, amount));
        return new EventDraft
        {
            At = at, Creator = c, Type = "order.placed", OrderId = orderId, Buyer = buyer, Amount = amount, SellerId = c.SellerId,
            Injected = injected, PaymentFingerprint = card, DeviceId = device,
        };
    }

    /// <summary>A refund, cancellation or chargeback of one of the creator's orders (an older one when none is remembered).</summary>
    public EventDraft AfterOrder(Creator c, DateTimeOffset at, string type, bool injected = false)
    {
        var order = c.RecentOrders.Count > 0 && random.NextDouble() < 0.7
            ? c.RecentOrders.ElementAt(random.Next(c.RecentOrders.Count))
            : new PastOrder(NewOrderId(), NewBuyer(), Amount(c));
        return new EventDraft { At = at, Creator = c, Type = type, OrderId = order.OrderId, Buyer = order.Buyer, Amount = order.Amount, SellerId = c.SellerId, Injected = injected };
    }

    public long NewBuyer() => random.NextInt64(Buyers.Space);

    public string NewOrderId() => "ord-" + random.NextInt64(1L << 48).ToString("x12", CultureInfo.InvariantCulture);

    public double Amount(Creator c) => Math.Min(9_999_999, Math.Round(c.BasePrice * Math.Exp(0.45 * Gaussian()), 2));

    public double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public string Caption(Creator c, string? product = null)
    {
        var template = Texts.Pick(random, c.Spanish ? Texts.CaptionsEs : Texts.CaptionsEn);
        return string.Format(CultureInfo.InvariantCulture, template, product ?? ProductName(c));
    }

    public string ProductName(Creator c) => Texts.Pick(random, (c.Spanish ? Texts.ProductsEs : Texts.ProductsEn)[c.Category]);

    /// <summary>A live stream from <paramref name="at"/>: viewers comment, then it ends (scheduled).</summary>
    public EventDraft Live(Creator c, DateTimeOffset at, TimeSpan length, bool injected = false, string? text = null)
    {
        var end = at + length;
        c.LiveUntil = end;
        var viewers = (int)(Math.Exp(3 + (2 * random.NextDouble())) * c.AudienceScale);
        var perMinute = CommentsPerMinute(viewers);
        for (var t = at + Exponential(perMinute / 60); t < end; t += Exponential(perMinute / 60))
        {
            schedule(new EventDraft { At = t, Creator = c, Type = "live.comment", Text = Texts.Pick(random, c.Spanish ? Texts.CommentsEs : Texts.CommentsEn), Injected = injected });
        }

        schedule(new EventDraft { At = end, Creator = c, Type = "live.ended", ViewerCount = viewers, Injected = injected });
        return new EventDraft { At = at, Creator = c, Type = "live.started", Text = text ?? Caption(c), ViewerCount = viewers, Injected = injected };
    }

    public TimeSpan Exponential(double perSecond) => TimeSpan.FromSeconds(-Math.Log(1 - random.NextDouble()) / perSecond);

    private EventDraft Content(Creator c, DateTimeOffset at)
    {
        var type = Pick(ContentTypes);
        var product = c.Products[random.Next(c.Products.Length)];
        switch (type)
        {
            case "product.listed":
                return Listing(c, at, product, "product.listed");
            case "product.price_changed":
                return Listing(c, at, product, "product.price_changed");
            case "live.started" when at >= c.LiveUntil:
                return Live(c, at, TimeSpan.FromMinutes(20 + random.Next(70)));
            case "live.started":
                // Already live: what a creator posts while streaming is a post.
                return new EventDraft { At = at, Creator = c, Type = "post.published", Text = Caption(c, product.Name) };
            case "content.removed":
                return new EventDraft { At = at, Creator = c, Type = "content.removed" };
            default:
                return new EventDraft { At = at, Creator = c, Type = type, Text = NearMissOrCaption(c, product.Name), ProductId = random.Next(3) == 0 ? product.Sku : null };
        }
    }

    // Honest shops sell ham, skincare and batteries: a few percent of their text has the words that resemble policy terms.
    private string NearMissOrCaption(Creator c, string product) =>
        random.NextDouble() < 0.03 ? Texts.Pick(random, (c.Spanish ? Texts.NearMissEs : Texts.NearMissEn)[c.Category]) : Caption(c, product);

    /// <summary>An honest listing or price update: the reference price stays; discounts of 10–30 %, now and then 40–50 %.</summary>
    private EventDraft Listing(Creator c, DateTimeOffset at, Product product, string type)
    {
        var draw = random.NextDouble();
        var discount = draw < 0.5 ? 0 : draw < 0.97 ? 0.1 + (0.05 * random.Next(5)) : 0.4 + (0.1 * random.Next(2));
        var price = Math.Round(product.ListPrice * (1 - discount), 2);
        return new EventDraft
        {
            At = at, Creator = c, Type = type, ProductId = product.Sku, Price = price, ListPrice = discount > 0 ? product.ListPrice : null,
            Text = type == "product.listed" ? product.Name : null,
        };
    }

    private EventDraft Transaction(Creator c, DateTimeOffset at)
    {
        var draw = random.NextDouble();
        if ((draw -= c.RefundShare) < 0)
        {
            return AfterOrder(c, at, "order.refunded");
        }

        if ((draw -= c.ChargebackShare) < 0)
        {
            return AfterOrder(c, at, "chargeback.opened");
        }

        if ((draw -= c.CancelShare) < 0)
        {
            return AfterOrder(c, at, "order.cancelled");
        }

        if ((draw -= c.CommissionShare) < 0 && c.RecentOrders.Count > 0)
        {
            var order = c.RecentOrders.Peek();
            return new EventDraft { At = at, Creator = c, Type = "commission.paid", OrderId = order.OrderId, Buyer = order.Buyer, Amount = Math.Round(order.Amount * 0.1, 2), SellerId = c.SellerId };
        }

        return Order(c, at, ReturningOrNewBuyer(c));
    }

    /// <summary>
    /// A returning customer (one of the shop's customers of the last month: a month of orders, so a busy
    /// shop's regulars are many and each reorders rarely), now and then someone who already ordered today,
    /// or a new buyer.
    /// </summary>
    public long ReturningOrNewBuyer(Creator c)
    {
        var draw = random.NextDouble();
        if (draw < c.ReorderShare)
        {
            var customers = (long)Math.Max(30, c.TransactionsPerHour * 24 * 30);
            return Math.Abs((c.Index * 1_000_003L) + random.NextInt64(customers)) % Buyers.Space;
        }

        if (draw < c.ReorderShare + SameDayShare && c.ReturningBuyers.Count > 0)
        {
            return c.ReturningBuyers[random.Next(c.ReturningBuyers.Count)];
        }

        var buyer = NewBuyer();
        if (c.ReturningBuyers.Count < 20_000)
        {
            c.ReturningBuyers.Add(buyer);
        }
        else
        {
            c.ReturningBuyers[random.Next(c.ReturningBuyers.Count)] = buyer;
        }

        return buyer;
    }

    // Ordering twice from one shop on the same day happens (a forgotten size), but rarely.
    private const double SameDayShare = 0.02;

    private string Pick((string Type, double Weight)[] choices)
    {
        var draw = random.NextDouble() * choices.Sum(c => c.Weight);
        foreach (var (type, weight) in choices)
        {
            if ((draw -= weight) < 0)
            {
                return type;
            }
        }

        return choices[^1].Type;
    }
}
