namespace Governance.Contracts;

/// <summary>A record of <c>creator.content.v1</c> as upstream producers write it (see docs/contracts.md).</summary>
public sealed record ContentEvent
{
    /// <summary>Unique per event; the dedup key.</summary>
    public required string EventId { get; init; }

    /// <summary>One of <see cref="EventTypes.Content"/>.</summary>
    public required string Type { get; init; }

    /// <summary>The creator the event belongs to; also the Kafka key.</summary>
    public required string CreatorId { get; init; }

    /// <summary>When it happened, with its offset.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Optional BCP 47 tag.</summary>
    public string? Locale { get; init; }

    /// <summary>Caption, title, transcript or comment.</summary>
    public string? Text { get; init; }

    /// <summary>Products the content is about.</summary>
    public IReadOnlyList<string>? ProductIds { get; init; }

    /// <summary>Selling price, for product events.</summary>
    public decimal? Price { get; init; }

    /// <summary>List ("was") price, for product events.</summary>
    public decimal? ListPrice { get; init; }

    /// <summary>ISO 4217 code.</summary>
    public string? Currency { get; init; }

    /// <summary>Viewers, for live events.</summary>
    public long? ViewerCount { get; init; }
}
