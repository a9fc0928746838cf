namespace Governance.SampleData.Simulation;

/// <summary>
/// One creator's traits and the little state an honest shop carries (its returning buyers, its recent
/// orders, an open live stream). Owned by one simulation run.
/// </summary>
internal sealed class Creator
{
    public required int Index { get; init; }

    public required string Id { get; init; }

    public required string Locale { get; init; }

    public required string Currency { get; init; }

    public required int Category { get; init; }

    public required double BasePrice { get; init; }

    /// <summary>Background transactions per hour at an average time of day (before boosts).</summary>
    public double TransactionsPerHour { get; set; }

    /// <summary>How much the creator posts for its size (0.5–1.5).</summary>
    public required double Chattiness { get; init; }

    /// <summary>
    /// Posts, listings, price changes and streams per hour: they grow with the shop, but slowly (a shop
    /// selling thousands an hour posts a dozen times, not thousands).
    /// </summary>
    public double AuthoredPerHour => Chattiness * (0.5 + (1.5 * Math.Log(1 + (TransactionsPerHour / 10))));

    /// <summary>Background events per hour (transactions and the creator's own content).</summary>
    public double PerHour => TransactionsPerHour + AuthoredPerHour;

    /// <summary>Audience size relative to a shop of one sale an hour: live viewers scale with it.</summary>
    public double AudienceScale => Math.Pow(1 + TransactionsPerHour, 0.8);

    /// <summary>Expected events per hour including viewers' comments and stream ends (sizes the marketplace to the rate).</summary>
    public double ExpectedPerHour()
    {
        // E[exp(3 + 2u)] for u uniform in [0, 1).
        var meanViewers = (Math.Exp(5) - Math.Exp(3)) / 2 * AudienceScale;
        var lives = AuthoredPerHour * HonestActivity.LiveShare;
        return PerHour + (lives * ((HonestActivity.MeanLiveMinutes * HonestActivity.CommentsPerMinute(meanViewers)) + 1));
    }

    /// <summary>Shares of transactions: refunds, chargebacks, cancellations, commissions (the rest are orders).</summary>
    public double RefundShare { get; set; }

    public double ChargebackShare { get; set; }

    public double CancelShare { get; set; }

    public double CommissionShare { get; set; }

    /// <summary>Probability that an order comes from a returning buyer.</summary>
    public double ReorderShare { get; set; }

    /// <summary>Before this the creator does not exist (a new account).</summary>
    public DateTimeOffset ActiveFrom { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Sales spikes (seasonal sale, flash sale, a launch): multiply the background rate.</summary>
    public List<Boost> Boosts { get; } = [];

    public required Product[] Products { get; init; }

    /// <summary>Seller whose products an affiliate creator promotes (orders then carry sellerId).</summary>
    public string? SellerId { get; init; }

    public List<long> ReturningBuyers { get; } = [];

    public Queue<PastOrder> RecentOrders { get; } = new();

    public DateTimeOffset LiveUntil { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Cast in a scenario: its rate is the scenario's, not a Zipf share.</summary>
    public string? Scenario { get; set; }

    public bool Spanish => Locale.StartsWith("es", StringComparison.Ordinal);

    /// <summary>
    /// Background events per hour at <paramref name="at"/>: the day's rhythm on everything, sales boosts on
    /// transactions only (a sale multiplies orders, not posts or price changes).
    /// </summary>
    public double RateAt(DateTimeOffset at)
    {
        var boost = 1.0;
        foreach (var b in Boosts)
        {
            boost *= b.At(at);
        }

        return Diurnal(at) * (AuthoredPerHour + (TransactionsPerHour * boost));
    }

    /// <summary>Share of the background that is the creator's own content at <paramref name="at"/>.</summary>
    public double ContentShareAt(DateTimeOffset at)
    {
        var rate = RateAt(at);
        return rate > 0 ? Diurnal(at) * AuthoredPerHour / rate : 0;
    }

    /// <summary>An upper bound of <see cref="RateAt"/> (for thinning).</summary>
    public double MaxRate()
    {
        var boost = 1.0;
        foreach (var b in Boosts)
        {
            boost *= Math.Max(1, b.Factor);
        }

        return DiurnalPeak * (AuthoredPerHour + (TransactionsPerHour * boost));
    }

    public void Remember(PastOrder order)
    {
        RecentOrders.Enqueue(order);
        if (RecentOrders.Count > 200)
        {
            RecentOrders.Dequeue();
        }
    }

    private const double DiurnalPeak = 1.35;

    // Shoppers are busiest in the afternoon and evening and quiet at night; the mean over a day is 1.
    private static double Diurnal(DateTimeOffset at) =>
        1 + ((DiurnalPeak - 1) * Math.Sin(2 * Math.PI * (at.UtcDateTime.TimeOfDay.TotalHours - 12) / 24));
}
