namespace Governance.Contracts;

/// <summary>A record of <c>creator.transactions.v1</c> as upstream producers write it (see docs/contracts.md).</summary>
public sealed record TransactionEvent
{
    /// <summary>Unique per event; the dedup key.</summary>
    public required string EventId { get; init; }

    /// <summary>One of <see cref="EventTypes.Transaction"/>.</summary>
    public required string Type { get; init; }

    /// <summary>The creator the event belongs to; also the Kafka key.</summary>
    public required string CreatorId { get; init; }

    /// <summary>When it happened, with its offset.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The order this transaction belongs to.</summary>
    public required string OrderId { get; init; }

    /// <summary>Opaque buyer id (may be a hash).</summary>
    public required string BuyerId { get; init; }

    /// <summary>The seller, when it is not the creator.</summary>
    public string? SellerId { get; init; }

    /// <summary>Amount in <see cref="Currency"/>, 0 to 10,000,000.</summary>
    public required decimal Amount { get; init; }

    /// <summary>ISO 4217 code.</summary>
    public required string Currency { get; init; }

    /// <summary>Payment instrument fingerprint; used by collusion signals.</summary>
    public string? PaymentFingerprint { get; init; }

    /// <summary>Buyer device id; used by collusion signals.</summary>
    public string? DeviceId { get; init; }

    /// <summary>Hash of the shipping address; used by collusion signals.</summary>
    public string? ShippingAddressHash { get; init; }
}
