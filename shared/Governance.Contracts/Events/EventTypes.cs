using System.Collections.Frozen;

namespace Governance.Contracts;

/// <summary>The event <c>type</c> values each input topic accepts.</summary>
public static class EventTypes
{
    /// <summary>Types of <c>creator.content.v1</c>.</summary>
    public static readonly FrozenSet<string> Content = FrozenSet.Create(
        StringComparer.Ordinal,
        "video.published", "post.published", "live.started", "live.ended", "live.comment",
        "product.listed", "product.price_changed", "content.removed");

    /// <summary>Types of <c>creator.transactions.v1</c>.</summary>
    public static readonly FrozenSet<string> Transaction = FrozenSet.Create(
        StringComparer.Ordinal,
        "order.placed", "order.cancelled", "order.refunded", "chargeback.opened", "commission.paid");
}
