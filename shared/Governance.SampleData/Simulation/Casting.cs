namespace Governance.SampleData.Simulation;

/// <summary>Which scenario each pattern name plays.</summary>
internal static class Casting
{
    public static Action<Scene> Scenario(string pattern) => pattern switch
    {
        "refund-burst" => TransactionAbuse.RefundBurst,
        "chargeback-burst" => TransactionAbuse.ChargebackBurst,
        "order-surge" => TransactionAbuse.OrderSurge,
        "self-purchase" => TransactionAbuse.SelfPurchase,
        "wash-trading" => TransactionAbuse.WashTrading,
        "payment-ring" => TransactionAbuse.PaymentRing,
        "device-ring" => TransactionAbuse.DeviceRing,
        "health-claims" => ContentAbuse.HealthClaims,
        "counterfeit-listing" => ContentAbuse.CounterfeitListing,
        "price-hike-before-discount" => ContentAbuse.PriceHikeBeforeDiscount,
        "inflated-list-price" => ContentAbuse.InflatedListPrice,
        "live-price-changes" => ContentAbuse.LivePriceChanges,
        "off-platform-payment" => ContentAbuse.OffPlatformPayment,
        "busy-seller-late-refunds" => HonestTraps.BusySellerLateRefunds,
        "seasonal-spike" => HonestTraps.SeasonalSpike,
        "good-first-day" => HonestTraps.GoodFirstDay,
        "near-miss-words" => HonestTraps.NearMissWords,
        "household-devices" => HonestTraps.HouseholdDevices,
        "loyal-regulars" => HonestTraps.LoyalRegulars,
        "live-flash-deal" => HonestTraps.LiveFlashDeal,
        "clearance-sale" => HonestTraps.ClearanceSale,
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "no such scenario"),
    };
}
