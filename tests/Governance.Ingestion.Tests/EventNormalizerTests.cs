using System.Text;
using System.Text.Json;
using Governance.Contracts;
using Governance.Validation;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Ingestion.Tests;

public sealed class EventNormalizerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly EventNormalizer _normalizer = new(new ValidationLimits(), new FakeTimeProvider(Now));

    private const string Order = """
        {"eventId":"e-1","type":"order.placed","creatorId":"c-1","occurredAt":"2026-03-01T08:59:00-03:00",
         "orderId":"o-1","buyerId":"b-1","amount":19.99,"currency":"MXN","paymentFingerprint":"fp-9"}
        """;

    private const string Listing = """
        {"eventId":"e-2","type":"product.listed","creatorId":"c-1","occurredAt":"2026-03-01T11:00:00Z","locale":"es-MX",
         "text":"Crema facial","productIds":["p-1","p-2"],"price":10,"listPrice":12.5,"currency":"EUR","viewerCount":null,"campaign":{"id":7}}
        """;

    [Fact]
    public void ValidTransactionBecomesCreatorEventWithAttributes()
    {
        var evt = Accept(Order, EventSource.Transaction);

        Assert.Equal("e-1", evt.EventId);
        Assert.Equal(EventSource.Transaction, evt.Source);
        Assert.Equal("order.placed", evt.Type);
        Assert.Equal("c-1", evt.CreatorId);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 59, 0, TimeSpan.FromHours(-3)), evt.OccurredAt);
        Assert.Equal(TimeSpan.FromHours(-3), evt.OccurredAt.Offset);
        Assert.Equal(Now, evt.IngestedAt);
        Assert.Null(evt.Locale);
        Assert.Equal(19.99m, evt.Attributes["amount"].GetDecimal());
        Assert.Equal("fp-9", evt.Attributes["paymentFingerprint"].GetString());
        Assert.Equal(["amount", "buyerId", "currency", "orderId", "paymentFingerprint"], evt.Attributes.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ValidContentKeepsUnknownFieldsAndDropsNulls()
    {
        var evt = Accept(Listing, EventSource.Content);

        Assert.Equal("es-MX", evt.Locale);
        Assert.Equal(7, evt.Attributes["campaign"].GetProperty("id").GetInt32());
        Assert.Equal(2, evt.Attributes["productIds"].GetArrayLength());
        Assert.False(evt.Attributes.ContainsKey("viewerCount"));
        Assert.False(evt.Attributes.ContainsKey("eventId"));
    }

    [Fact]
    public void UnicodeTextIsKeptExactly()
    {
        var evt = Accept("""{"eventId":"e","type":"live.comment","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","text":"¡Cura la diabetes! ＲＥＰＬＩＣＡ \u00e9"}""", EventSource.Content);

        Assert.Equal("¡Cura la diabetes! ＲＥＰＬＩＣＡ é", evt.Attributes["text"].GetString());
    }

    [Theory]
    [InlineData(RejectionReasons.NotJson, "{not json")]
    [InlineData(RejectionReasons.NotJson, "[1,2,3]")]
    [InlineData(RejectionReasons.NotJson, "")]
    [InlineData(RejectionReasons.MissingField, """{"eventId":"e","type":"order.placed","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","orderId":"o","amount":1,"currency":"USD"}""")]
    [InlineData(RejectionReasons.MissingField, """{"eventId":null,"type":"order.placed","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","orderId":"o","buyerId":"b","amount":1,"currency":"USD"}""")]
    [InlineData(RejectionReasons.WrongType, """{"eventId":"e","type":"order.placed","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","orderId":"o","buyerId":"b","amount":"12.00","currency":"USD"}""")]
    [InlineData(RejectionReasons.WrongType, """{"eventId":42,"type":"order.placed","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","orderId":"o","buyerId":"b","amount":1,"currency":"USD"}""")]
    [InlineData(RejectionReasons.UnknownType, """{"eventId":"e","type":"order.shipped","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","orderId":"o","buyerId":"b","amount":1,"currency":"USD"}""")]
    [InlineData(RejectionReasons.UnknownType, """{"eventId":"e","type":"video.published","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","orderId":"o","buyerId":"b","amount":1,"currency":"USD"}""")]
    [InlineData(RejectionReasons.InvalidValue, """{"eventId":"e","type":"order.refunded","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","orderId":"o","buyerId":"b","amount":-5,"currency":"USD"}""")]
    [InlineData(RejectionReasons.InvalidValue, """{"eventId":"e","type":"order.refunded","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","orderId":"o","buyerId":"b","amount":10000000.01,"currency":"USD"}""")]
    [InlineData(RejectionReasons.InvalidValue, """{"eventId":"e","type":"order.placed","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","orderId":"o","buyerId":"b","amount":1,"currency":"XYZ"}""")]
    [InlineData(RejectionReasons.InvalidValue, """{"eventId":"e","type":"order.placed","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","orderId":"o","buyerId":"b","amount":1,"currency":"usd"}""")]
    [InlineData(RejectionReasons.InvalidValue, """{"eventId":"","type":"order.placed","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","orderId":"o","buyerId":"b","amount":1,"currency":"USD"}""")]
    [InlineData(RejectionReasons.BadTimestamp, """{"eventId":"e","type":"order.placed","creatorId":"c","occurredAt":"2026-03-01 11:00","orderId":"o","buyerId":"b","amount":1,"currency":"USD"}""")]
    [InlineData(RejectionReasons.BadTimestamp, """{"eventId":"e","type":"order.placed","creatorId":"c","occurredAt":"2026-03-01T11:00:00","orderId":"o","buyerId":"b","amount":1,"currency":"USD"}""")]
    [InlineData(RejectionReasons.BadTimestamp, """{"eventId":"e","type":"order.placed","creatorId":"c","occurredAt":"2026-02-30T11:00:00Z","orderId":"o","buyerId":"b","amount":1,"currency":"USD"}""")]
    [InlineData(RejectionReasons.FutureTimestamp, """{"eventId":"e","type":"order.placed","creatorId":"c","occurredAt":"2026-03-01T12:05:01Z","orderId":"o","buyerId":"b","amount":1,"currency":"USD"}""")]
    public void InvalidTransactionIsRejectedWithReason(string reason, string json)
    {
        var rejection = Reject(json, EventSource.Transaction);

        Assert.Equal(reason, rejection.Reason);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Message));
    }

    [Theory]
    [InlineData(RejectionReasons.WrongType, """{"eventId":"e","type":"live.started","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","viewerCount":3.5}""")]
    [InlineData(RejectionReasons.WrongType, """{"eventId":"e","type":"product.listed","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","productIds":["p",7]}""")]
    [InlineData(RejectionReasons.WrongType, """{"eventId":"e","type":"product.listed","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","price":true}""")]
    [InlineData(RejectionReasons.InvalidValue, """{"eventId":"e","type":"product.listed","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","price":-1}""")]
    [InlineData(RejectionReasons.InvalidValue, """{"eventId":"e","type":"live.started","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","viewerCount":-1}""")]
    [InlineData(RejectionReasons.InvalidValue, """{"eventId":"e","type":"post.published","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","locale":"not a locale!"}""")]
    [InlineData(RejectionReasons.InvalidValue, """{"eventId":"e","eventId":"f","type":"post.published","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z"}""")]
    [InlineData(RejectionReasons.UnknownType, """{"eventId":"e","type":"order.placed","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z"}""")]
    public void InvalidContentIsRejectedWithReason(string reason, string json)
    {
        Assert.Equal(reason, Reject(json, EventSource.Content).Reason);
    }

    [Fact]
    public void OverLongTextIsInvalidAndTheMessageDoesNotQuoteIt()
    {
        var text = new string('x', 20_001);
        var rejection = Reject($$"""{"eventId":"e","type":"post.published","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","text":"{{text}}"}""", EventSource.Content);

        Assert.Equal(RejectionReasons.InvalidValue, rejection.Reason);
        Assert.Contains("'text'", rejection.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxxxxxxxx", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextOfExactlyTheLimitIsAccepted()
    {
        var text = new string('é', 20_000);
        var evt = Accept($$"""{"eventId":"e","type":"post.published","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","text":"{{text}}"}""", EventSource.Content);

        Assert.Equal(20_000, evt.Attributes["text"].GetString()!.Length);
    }

    [Fact]
    public void RecordOverTheSizeLimitIsTooLarge()
    {
        var small = new EventNormalizer(new ValidationLimits { MaxRecordBytes = 100 }, new FakeTimeProvider(Now));
        var rejection = Reject(small, Order, EventSource.Transaction);

        Assert.Equal(RejectionReasons.TooLarge, rejection.Reason);
    }

    [Fact]
    public void InvalidUtf8IsNotJson()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"eventId":"e","text":"__"}""");
        bytes[^4] = 0xC3;
        bytes[^3] = 0x28;

        Assert.False(_normalizer.TryNormalize(bytes, EventSource.Content, out _, out var rejection));
        Assert.Equal(RejectionReasons.NotJson, rejection!.Reason);
    }

    [Fact]
    public void MissingFieldMessageNamesTheField()
    {
        var rejection = Reject("""{"eventId":"e","type":"order.placed","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","orderId":"o","buyerId":"b","amount":1}""", EventSource.Transaction);

        Assert.Contains("'currency'", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValuesAreCopiedThroughAsTheyCameAndTimestampsAreWrittenInIso8601()
    {
        const string json = """
            {"eventId":"e-\u0031","type":"product.listed","creatorId":"c-1","occurredAt":"2026-03-01T08:59:00.500-03:00",
             "text":"caf\u00e9 ok","campaign":{"id":7, "tags":["a","b"]},"price":1.50}
            """;

        Assert.True(_normalizer.TryNormalize(Encoding.UTF8.GetBytes(json), EventSource.Content, out var record, out var rejection), rejection?.Message);

        var written = Encoding.UTF8.GetString(record.Value);
        Assert.StartsWith("""{"eventId":"e-\u0031","source":"content","type":"product.listed","creatorId":"c-1","occurredAt":"2026-03-01T08:59:00.5-03:00","ingestedAt":"2026-03-01T12:00:00+00:00",""", written, StringComparison.Ordinal);
        Assert.EndsWith(""","attributes":{"text":"caf\u00e9 ok","campaign":{"id":7, "tags":["a","b"]},"price":1.50}}""", written, StringComparison.Ordinal);
        Assert.Equal("e-1", JsonSerializer.Deserialize(record.Value, GovernanceJsonContext.Default.CreatorEvent)!.EventId);
    }

    [Fact]
    public void TheInputKeyIsReusedWhenItIsTheCreatorIdAndReplacedWhenItIsNot()
    {
        var bytes = Encoding.UTF8.GetBytes(Order);
        var creatorKey = Encoding.UTF8.GetBytes("c-1");
        var otherKey = Encoding.UTF8.GetBytes("order-o-1");

        Assert.True(_normalizer.TryNormalize(bytes, EventSource.Transaction, out var same, out _, creatorKey));
        Assert.True(_normalizer.TryNormalize(bytes, EventSource.Transaction, out var other, out _, otherKey));
        Assert.True(_normalizer.TryNormalize(bytes, EventSource.Transaction, out var none, out _));

        Assert.Same(creatorKey, same.Key);
        Assert.Equal(creatorKey, other.Key);
        Assert.Equal(creatorKey, none.Key);
    }

    [Fact]
    public void AnEscapedCreatorIdBecomesItsDecodedKey()
    {
        var evt = Accept("""{"eventId":"e","type":"post.published","creatorId":"c-\u00f1","occurredAt":"2026-03-01T11:00:00Z"}""", EventSource.Content);

        Assert.Equal("c-ñ", evt.CreatorId);
    }

    [Fact]
    public void AnEscapedSpellingOfAKnownNameIsAnAttribute()
    {
        var evt = Accept("""{"eventId":"e","type":"post.published","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","\u0074ext":7}""", EventSource.Content);

        Assert.Equal(7, evt.Attributes["text"].GetInt32());
    }

    [Theory]
    [InlineData("""{"eventId":"e","type":"post.published","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","note":"\ud800"}""", "invalid escape")]
    [InlineData("""{"eventId":"e","type":"post.published","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z","deep":{"x":["\udc00"]}}""", "invalid escape")]
    [InlineData("""{"eventId":"e","type":"post.published","creatorId":"c","occurredAt":"2026-03-01T11:00:00Z"} {}""", "not valid JSON")]
    [InlineData("""{"eventId":"e","eventId":"e","type":"post.published"} x""", "not valid JSON")]
    [InlineData("\"just a string\"", "a JSON string, not an object")]
    [InlineData("   ", "not valid JSON")]
    public void UnreadableRecordsAreNotJsonAndSayWhy(string json, string expected)
    {
        var rejection = Reject(json, EventSource.Content);

        Assert.Equal(RejectionReasons.NotJson, rejection.Reason);
        Assert.Contains(expected, rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChecksKeepTheirOrderAFutureOccurredAtComesBeforeALaterField()
    {
        var rejection = Reject("""{"eventId":"e","type":"order.placed","creatorId":"c","occurredAt":"2026-03-01T13:00:00Z","orderId":"o","buyerId":"b","amount":1,"currency":"XYZ"}""", EventSource.Transaction);

        Assert.Equal(RejectionReasons.FutureTimestamp, rejection.Reason);
    }

    private CreatorEvent Accept(string json, EventSource source)
    {
        Assert.True(_normalizer.TryNormalize(Encoding.UTF8.GetBytes(json), source, out var record, out var rejection), rejection?.Message);
        var evt = JsonSerializer.Deserialize(record.Value, GovernanceJsonContext.Default.CreatorEvent)!;
        Assert.Equal(evt.CreatorId, Encoding.UTF8.GetString(record.Key));
        return evt;
    }

    private Rejection Reject(string json, EventSource source) => Reject(_normalizer, json, source);

    private static Rejection Reject(EventNormalizer normalizer, string json, EventSource source)
    {
        Assert.False(normalizer.TryNormalize(Encoding.UTF8.GetBytes(json), source, out _, out var rejection));
        return rejection!;
    }
}
