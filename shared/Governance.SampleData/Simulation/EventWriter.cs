using System.Buffers;
using System.Text;
using System.Text.Json;
using Governance.Contracts;

namespace Governance.SampleData.Simulation;

/// <summary>Writes drafts as raw input records (docs/contracts.md), one reused buffer per run.</summary>
internal sealed class EventWriter(Buyers buyers)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Random _cards = new(17);

    public RawEvent Write(EventDraft d, string eventId)
    {
        _buffer.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("eventId", eventId);
            w.WriteString("type", d.Type);
            w.WriteString("creatorId", d.Creator.Id);
            w.WriteString("occurredAt", d.At);
            if (d.IsContent)
            {
                WriteContent(w, d);
            }
            else
            {
                WriteTransaction(w, d);
            }

            w.WriteEndObject();
        }

        return new RawEvent(d.IsContent ? Topics.Content : Topics.Transactions, d.Creator.Id, Encoding.UTF8.GetString(_buffer.WrittenSpan), eventId, null);
    }

    private static void WriteContent(Utf8JsonWriter w, EventDraft d)
    {
        w.WriteString("locale", d.Locale ?? d.Creator.Locale);
        if (d.Text is { } text)
        {
            w.WriteString("text", text);
        }

        if (d.ProductId is { } product)
        {
            w.WriteStartArray("productIds");
            w.WriteStringValue(product);
            w.WriteEndArray();
        }

        if (d.Price is { } price)
        {
            w.WriteNumber("price", Math.Round(price, 2));
            w.WriteString("currency", d.Creator.Currency);
        }

        if (d.ListPrice is { } listPrice)
        {
            w.WriteNumber("listPrice", Math.Round(listPrice, 2));
        }

        if (d.ViewerCount is { } viewers)
        {
            w.WriteNumber("viewerCount", viewers);
        }
    }

    private void WriteTransaction(Utf8JsonWriter w, EventDraft d)
    {
        var buyer = d.Buyer ?? 0;
        w.WriteString("orderId", d.OrderId ?? "ord-none");
        w.WriteString("buyerId", d.BuyerId ?? buyers.Id(buyer));
        if (d.SellerId is { } seller)
        {
            w.WriteString("sellerId", seller);
        }

        w.WriteNumber("amount", Math.Round(d.Amount, 2));
        w.WriteString("currency", d.Creator.Currency);
        if (d.Type != "commission.paid")
        {
            // Card, device and address come with the order and the events about it, as checkout records them.
            w.WriteString("paymentFingerprint", d.PaymentFingerprint ?? buyers.Card(buyer, _cards));
            w.WriteString("deviceId", d.DeviceId ?? buyers.Device(buyer));
            w.WriteString("shippingAddressHash", buyers.Address(buyer));
        }
    }
}
