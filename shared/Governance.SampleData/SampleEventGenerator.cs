using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Contracts;

namespace Governance.SampleData;

/// <summary>
/// Generates realistic creator activity: ~65 % transactions (orders, refunds, chargebacks ...), ~35 %
/// content (captions, live comments, listings, price changes) in English and Spanish, for creators
/// whose activity follows a Zipf law, plus a configurable share of invalid records covering every
/// rejection reason.
/// </summary>
public sealed class SampleEventGenerator(SampleEventOptions options)
{
    private static readonly string[] Captions =
    [
        "New spring collection is live, link in bio", "Unboxing the viral skincare set", "Live Q&A tonight at 8",
        "Nueva colección de primavera, enlace en la bio", "Probando el sérum del que todos hablan", "¡Directo esta noche a las 8!",
        "Jamón curado de bellota, edición limitada", "Receta fácil de tortilla de patatas", "Honest review after 30 days",
        "Oferta de temporada: 20 % en todo", "Seasonal sale: 15% off everything", "Behind the scenes of our studio",
    ];

    private static readonly string[] Locales = ["en-US", "es-MX", "es-ES", "en-GB", "es-AR"];
    private static readonly string[] Currencies = ["USD", "MXN", "EUR", "ARS", "GBP"];
    private static readonly string[] ContentTypes = ["video.published", "post.published", "live.started", "live.ended", "live.comment", "live.comment", "product.listed", "product.price_changed"];
    // Shares of an honest marketplace: most transactions are orders; refunds a few percent, chargebacks rare.
    private static readonly (string Type, double Share)[] TransactionTypes =
    [
        ("order.placed", 0.80), ("commission.paid", 0.107), ("order.refunded", 0.05), ("order.cancelled", 0.04), ("chargeback.opened", 0.003),
    ];

    /// <summary>An endless stream; take as many as needed.</summary>
    public IEnumerable<RawEvent> Generate()
    {
        var random = new Random(options.Seed);
        var zipf = new ZipfSampler(options.Creators, 1.1, random);
        var buffer = new ArrayBufferWriter<byte>(1024);
        var invalidEvery = options.InvalidShare > 0 ? (int)Math.Round(1 / options.InvalidShare) : int.MaxValue;
        for (long i = 0; ; i++)
        {
            var rank = zipf.Next();
            if (options.KeepCreator is { } keep && !keep(rank))
            {
                continue;
            }

            var creator = "creator-" + rank.ToString("D6", CultureInfo.InvariantCulture);
            var eventId = $"{options.EventIdPrefix}-{options.Seed}-{i}";
            // Event time moves forward steadily, with up to two seconds of disorder between records.
            var at = options.Start + (options.Spacing * i) - TimeSpan.FromMilliseconds(random.Next(2_000));
            var isContent = random.NextDouble() < 0.35;
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                if (isContent)
                {
                    WriteContent(writer, random, eventId, creator, at);
                }
                else
                {
                    WriteTransaction(writer, random, eventId, creator, at);
                }
            }

            var topic = isContent ? Topics.Content : Topics.Transactions;
            var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
            if (i % invalidEvery == invalidEvery - 1)
            {
                var reason = RejectionReasons.All[(int)(i / invalidEvery % RejectionReasons.All.Count)];
                yield return new RawEvent(topic, creator, Break(json, reason, at, options.TooLargeBytes), eventId, reason);
            }
            else
            {
                yield return new RawEvent(topic, creator, json, eventId, null);
            }
        }
    }

    private static void WriteContent(Utf8JsonWriter w, Random random, string eventId, string creator, DateTimeOffset at)
    {
        var type = ContentTypes[random.Next(ContentTypes.Length)];
        w.WriteStartObject();
        w.WriteString("eventId", eventId);
        w.WriteString("type", type);
        w.WriteString("creatorId", creator);
        w.WriteString("occurredAt", at);
        w.WriteString("locale", Locales[random.Next(Locales.Length)]);
        w.WriteString("text", Captions[random.Next(Captions.Length)]);
        if (type.StartsWith("product.", StringComparison.Ordinal))
        {
            // A product keeps its reference price; honest discounts of 0–30 % come and go.
            var sku = random.Next(100_000);
            var listPrice = 5 + (sku % 195) + 0.99;
            var price = Math.Round(listPrice * (1 - (random.Next(4) * 0.1)), 2);
            w.WriteStartArray("productIds");
            w.WriteStringValue("sku-" + sku.ToString(CultureInfo.InvariantCulture));
            w.WriteEndArray();
            w.WriteNumber("price", price);
            w.WriteNumber("listPrice", listPrice);
            w.WriteString("currency", Currencies[sku % Currencies.Length]);
        }
        else if (type.StartsWith("live.", StringComparison.Ordinal))
        {
            w.WriteNumber("viewerCount", random.Next(5_000));
        }

        w.WriteEndObject();
    }

    private static void WriteTransaction(Utf8JsonWriter w, Random random, string eventId, string creator, DateTimeOffset at)
    {
        w.WriteStartObject();
        w.WriteString("eventId", eventId);
        w.WriteString("type", PickTransactionType(random.NextDouble()));
        w.WriteString("creatorId", creator);
        w.WriteString("occurredAt", at);
        w.WriteString("orderId", "ord-" + random.NextInt64(1_000_000_000).ToString(CultureInfo.InvariantCulture));
        w.WriteString("buyerId", "buyer-" + random.Next(2_000_000).ToString("x8", CultureInfo.InvariantCulture));
        w.WriteNumber("amount", Math.Round(3 + (random.NextDouble() * 250), 2));
        w.WriteString("currency", Currencies[random.Next(Currencies.Length)]);
        w.WriteString("paymentFingerprint", "fp-" + random.Next(3_000_000).ToString("x8", CultureInfo.InvariantCulture));
        w.WriteString("deviceId", "dev-" + random.Next(3_000_000).ToString("x8", CultureInfo.InvariantCulture));
        w.WriteString("shippingAddressHash", "addr-" + random.Next(2_500_000).ToString("x8", CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    private static string PickTransactionType(double draw)
    {
        foreach (var (type, share) in TransactionTypes)
        {
            if (draw < share)
            {
                return type;
            }

            draw -= share;
        }

        return TransactionTypes[0].Type;
    }

    /// <summary>Damages a valid record so that ingestion must reject it with <paramref name="reason"/>.</summary>
    public static string Break(string json, string reason, DateTimeOffset at, int tooLargeBytes = 300 * 1024)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        switch (reason)
        {
            case RejectionReasons.NotJson:
                return json[..(json.Length / 2)];
            case RejectionReasons.TooLarge:
                node["padding"] = new string('x', tooLargeBytes);
                break;
            case RejectionReasons.MissingField:
                node.Remove("creatorId");
                break;
            case RejectionReasons.WrongType:
                node["occurredAt"] = 1_700_000_000;
                break;
            case RejectionReasons.UnknownType:
                node["type"] = "order.teleported";
                break;
            case RejectionReasons.InvalidValue:
                node["eventId"] = new string('e', 129);
                break;
            case RejectionReasons.BadTimestamp:
                node["occurredAt"] = at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                break;
            case RejectionReasons.FutureTimestamp:
                node["occurredAt"] = DateTimeOffset.UtcNow.AddDays(2).ToString("O", CultureInfo.InvariantCulture);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(reason), reason, null);
        }

        return node.ToJsonString();
    }
}
