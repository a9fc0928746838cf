using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Governance.Contracts;
using Governance.Testing;

namespace Governance.Signals.IntegrationTests;

/// <summary>Normalized events as ingestion writes them to governance.events.v1.</summary>
internal static class Events
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static CreatorEvent Transaction(string id, string creator, string type, DateTimeOffset at, string buyer = "buyer") => new()
    {
        EventId = id,
        Source = EventSource.Transaction,
        Type = type,
        CreatorId = creator,
        OccurredAt = at,
        IngestedAt = at,
        Attributes = new Dictionary<string, JsonElement>
        {
            ["orderId"] = JsonSerializer.SerializeToElement("o-" + id),
            ["buyerId"] = JsonSerializer.SerializeToElement(buyer),
            ["amount"] = JsonSerializer.SerializeToElement(20.0),
            ["currency"] = JsonSerializer.SerializeToElement("MXN"),
        },
    };

    public static CreatorEvent Content(string id, string creator, string type, DateTimeOffset at, string text) => new()
    {
        EventId = id,
        Source = EventSource.Content,
        Type = type,
        CreatorId = creator,
        OccurredAt = at,
        IngestedAt = at,
        Locale = "es-MX",
        Attributes = new Dictionary<string, JsonElement> { ["text"] = JsonSerializer.SerializeToElement(text) },
    };

    /// <summary>
    /// A creator with history three hours back and 22 orders in the half hour before
    /// <paramref name="refunds"/> refunds two minutes apart. At refund-burst's 5 % of orders (1.1
    /// expected refunds in the hour) the Poisson tail passes 1e-6 at the 10th refund: 9 stay quiet.
    /// </summary>
    public static List<CreatorEvent> RefundBurst(string creator, int refunds, DateTimeOffset? start = null)
    {
        var t = start ?? T0;
        var events = new List<CreatorEvent> { Transaction($"{creator}-history", creator, "order.placed", t.AddHours(-3)) };
        events.AddRange(Enumerable.Range(0, 22).Select(i => Transaction($"{creator}-o{i}", creator, "order.placed", t.AddMinutes(-30 + i), $"o{i}")));
        events.AddRange(Enumerable.Range(0, refunds).Select(i => Transaction($"{creator}-r{i}", creator, "order.refunded", t.AddMinutes(i * 2), $"b{i}")));
        return events;
    }

    public static async Task ProduceAsync(string bootstrap, string topic, IEnumerable<CreatorEvent> events, Func<CreatorEvent, string?>? traceParent = null)
    {
        using var producer = KafkaTestClient.Producer(bootstrap);
        foreach (var e in events)
        {
            var message = new Message<string, string> { Key = e.CreatorId, Value = JsonSerializer.Serialize(e, GovernanceJsonContext.Default.CreatorEvent) };
            if (traceParent?.Invoke(e) is { } header)
            {
                // As ingestion writes it on every event.
                message.Headers = new Headers { { "traceparent", Encoding.ASCII.GetBytes(header) } };
            }

            producer.Produce(topic, message);
        }

        await Task.Run(() => producer.Flush(TimeSpan.FromSeconds(30)));
    }
}
