using System.Collections.Frozen;
using Governance.Contracts;

namespace Governance.Validation;

/// <summary>The fields of each input topic, as docs/contracts.md defines them.</summary>
internal sealed class InputSchema
{
    /// <summary>Positions of the core fields in <see cref="Fields"/>.</summary>
    public const int EventId = 0, Type = 1, CreatorId = 2, OccurredAt = 3, Locale = 4;

    private const int IdLength = 128;

    // Field positions by the length of their UTF-8 name: a name is compared with one or two candidates, not all.
    private readonly int[][] _byLength;

    private InputSchema(EventSource source, FrozenSet<string> types, IEnumerable<FieldSpec> fields)
    {
        Source = source;
        Types = types;
        TypeLookup = types.GetAlternateLookup<ReadOnlySpan<char>>();
        Fields = [.. Common.Concat(fields)];
        Required = [.. Enumerable.Range(0, Fields.Length).Where(i => Fields[i].Required)];
        _byLength = new int[Fields.Max(f => f.Utf8Name.Length) + 1][];
        for (var length = 0; length < _byLength.Length; length++)
        {
            _byLength[length] = [.. Enumerable.Range(0, Fields.Length).Where(i => Fields[i].Utf8Name.Length == length)];
        }
        TopicName = source == EventSource.Content ? Topics.Content : Topics.Transactions;
        TypeList = string.Join(", ", types.Order(StringComparer.Ordinal));
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

    /// <summary><see cref="Types"/> looked up without allocating the type's string.</summary>
    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TypeLookup { get; }

    /// <summary>Known fields; the core ones first, at the positions of the constants above.</summary>
    public FieldSpec[] Fields { get; }

    /// <summary>Positions of the required fields.</summary>
    public int[] Required { get; }

    public string TopicName { get; }

    /// <summary>The accepted types, for error messages.</summary>
    public string TypeList { get; }

    private static FieldSpec[] Common =>
    [
        new("eventId", FieldKind.String, Required: true, Min: 1, Max: IdLength, Core: true),
        new("type", FieldKind.EventType, Required: true, Core: true),
        new("creatorId", FieldKind.String, Required: true, Min: 1, Max: 64, Core: true),
        new("occurredAt", FieldKind.Timestamp, Required: true, Core: true),
        new("locale", FieldKind.Locale, Core: true),
    ];

    public static InputSchema For(EventSource source) => source == EventSource.Content ? Content : Transaction;

    /// <summary>Position of the field with this raw UTF-8 name, or -1 for an extra attribute.</summary>
    public int Find(ReadOnlySpan<byte> utf8Name)
    {
        if (utf8Name.Length >= _byLength.Length)
        {
            return -1;
        }

        foreach (var i in _byLength[utf8Name.Length])
        {
            if (utf8Name.SequenceEqual(Fields[i].Utf8Name))
            {
                return i;
            }
        }

        return -1;
    }
}
