namespace Governance.SampleData.Simulation;

/// <summary>An event before it gets its id and JSON: what happened, when, to which creator.</summary>
internal sealed record EventDraft
{
    public required DateTimeOffset At { get; init; }

    public required Creator Creator { get; init; }

    public required string Type { get; init; }

    /// <summary>Part of a labelled scenario (abuse or trap), not background.</summary>
    public bool Injected { get; init; }

    public string? Text { get; init; }

    public string? Locale { get; init; }

    public string? ProductId { get; init; }

    public double? Price { get; init; }

    public double? ListPrice { get; init; }

    public int? ViewerCount { get; init; }

    public string? OrderId { get; init; }

    /// <summary>Buyer number (<see cref="Buyers"/>), or null when <see cref="BuyerId"/> is set.</summary>
    public long? Buyer { get; init; }

    /// <summary>An explicit buyer id (the creator itself, for a self-purchase).</summary>
    public string? BuyerId { get; init; }

    public string? SellerId { get; init; }

    public double Amount { get; init; }

    /// <summary>Overrides the buyer's own card or device (rings share one).</summary>
    public string? PaymentFingerprint { get; init; }

    public string? DeviceId { get; init; }

    public bool IsContent => Type is "video.published" or "post.published" or "live.started" or "live.ended" or "live.comment"
        or "product.listed" or "product.price_changed" or "content.removed";
}
