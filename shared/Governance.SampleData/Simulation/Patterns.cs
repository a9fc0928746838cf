namespace Governance.SampleData.Simulation;

/// <summary>
/// Names of the simulated scenarios. Abuse patterns are named after the default pack's rule meant to
/// catch them, so a labelled backtest can match a rule to its pattern; traps are honest behaviour
/// that looks like abuse.
/// </summary>
public static class Patterns
{
    /// <summary>Abuse patterns, in casting order.</summary>
    public static IReadOnlyList<string> Abuse { get; } =
    [
        "refund-burst", "chargeback-burst", "order-surge", "self-purchase", "wash-trading", "payment-ring", "device-ring",
        "health-claims", "counterfeit-listing", "price-hike-before-discount", "inflated-list-price", "live-price-changes",
        "off-platform-payment",
    ];

    /// <summary>Honest traps, in casting order.</summary>
    public static IReadOnlyList<string> Traps { get; } =
    [
        "busy-seller-late-refunds", "seasonal-spike", "good-first-day", "near-miss-words", "household-devices",
        "loyal-regulars", "live-flash-deal", "clearance-sale",
    ];
}
