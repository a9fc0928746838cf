using System.Collections.Frozen;
using Governance.Contracts;

namespace Governance.Ingestion.Validation;

/// <summary>The fields of each input topic, as <c>spec/events.md</c> defines them.</summary>
internal sealed class InputSchema
{
    private const int IdLength = 128;

    private InputSchema(EventSource source, FrozenSet<string> types, IEnumerable<FieldSpec> fields)
    {
        Source = source;
        Types = types;
        var all = Common.Concat(fields).ToArray();
        Fields = all.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
        Lookup = Fields.GetAlternateLookup<ReadOnlySpan<char>>();
        Required = [.. all.Where(f => f.Required)];
        Index = all.Select((f, i) => (f, i)).ToFrozenDictionary(p => p.f, p => p.i);
    }

    public static InputSchema Content { get; } = new(EventSource.Content, EventTypes.Content,
    [
        new("text", FieldKind.String, Max: 20_000),
        new("productIds", FieldKind.StringArray, Max: 1_000),
        new("price", FieldKind.Number, Max: 1e12),
        new("listPrice", FieldKind.Number, Max: 1e12),
        new("currency", FieldKind.Currency),
        new("viewerCount", FieldKind.Integer, Max: long.MaxValue),
    ]);

    public static InputSchema Transaction { get; } = new(EventSource.Transaction, EventTypes.Transaction,
    [
        new("orderId", FieldKind.String, Required: true, Min: 1, Max: IdLength),
        new("buyerId", FieldKind.String, Required: true, Min: 1, Max: IdLength),
        new("sellerId", FieldKind.String, Min: 1, Max: IdLength),
        new("amount", FieldKind.Number, Required: true, Max: 10_000_000),
        new("currency", FieldKind.Currency, Required: true),
        new("paymentFingerprint", FieldKind.String, Min: 1, Max: 256),
        new("deviceId", FieldKind.String, Min: 1, Max: 256),
        new("shippingAddressHash", FieldKind.String, Min: 1, Max: 256),
    ]);

    public EventSource Source { get; }

    public FrozenSet<string> Types { get; }

    public FrozenDictionary<string, FieldSpec> Fields { get; }

    public FrozenDictionary<string, FieldSpec>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

    public IReadOnlyList<FieldSpec> Required { get; }

    /// <summary>Position of each field, for the seen-fields bit mask.</summary>
    public FrozenDictionary<FieldSpec, int> Index { get; }

    private static FieldSpec[] Common =>
    [
        new("eventId", FieldKind.String, Required: true, Min: 1, Max: IdLength, Core: true),
        new("type", FieldKind.EventType, Required: true, Core: true),
        new("creatorId", FieldKind.String, Required: true, Min: 1, Max: 64, Core: true),
        new("occurredAt", FieldKind.Timestamp, Required: true, Core: true),
        new("locale", FieldKind.Locale, Core: true),
    ];

    public static InputSchema For(EventSource source) => source == EventSource.Content ? Content : Transaction;
}
