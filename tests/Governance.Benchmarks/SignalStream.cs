using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Governance.Contracts;
using Governance.SampleData;
using Governance.Validation;

namespace Governance.Benchmarks;

/// <summary>
/// The signal benchmark's input: a realistic stream (100,000 Zipf-skewed creators, no invalid records)
/// as dense in event time as the marketplace's rate (5,000 events/s: 0.2 ms apart), normalized as
/// ingestion would, split into the throughput part and the steady part that follows it in event time.
/// The steady part also carries refund bursts (one order 3 h back, then 12 refunds 1 s apart, which
/// no order of the hour explains) so the default <c>refund-burst</c> rule fires once per burst
/// creator, on its 5th refund. Every burst lies inside the steady part's event time: until 2026-12-07
/// the refunds were 30 s apart, so all but the first of each burst fell after the steady part's last
/// event and were fed in one block at the end (5 minutes of event time in under a second, every
/// burst firing in the same batch).
/// </summary>
internal sealed class SignalStream
{
    public const int RefundsPerBurst = 12;

    private static readonly TimeSpan RefundGap = TimeSpan.FromSeconds(1);

    // Bursts start across this share of the steady part, so the last one ends before it does.
    private const double BurstStarts = 0.5;

    public required SignalRecord[] Throughput { get; init; }

    public required SignalRecord[] Steady { get; init; }

    public required IReadOnlyList<string> BurstCreators { get; init; }

    public required TimeSpan Spacing { get; init; }

    public int DistinctCreators => Throughput.Concat(Steady).Select(r => r.CreatorId).Distinct(StringComparer.Ordinal).Count();

    public static SignalStream Create(int throughputEvents, int steadyEvents, int bursts, int rate, string run)
    {
        var spacing = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / rate);
        var honestSteady = steadyEvents - (bursts * (RefundsPerBurst + 1));
        if (honestSteady < steadyEvents / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(bursts), bursts, "the bursts would be more than half of the steady phase");
        }

        var start = DateTimeOffset.UtcNow - (spacing * (throughputEvents + honestSteady)) - TimeSpan.FromMinutes(1);
        var honest = new SampleEventGenerator(new SampleEventOptions { Creators = 100_000, InvalidShare = 0, Start = start, Spacing = spacing, EventIdPrefix = "bench-" + run })
            .Generate().Take(throughputEvents + honestSteady).ToArray();

        var gap = RefundGap.Ticks / (double)spacing.Ticks;
        if ((BurstStarts * honestSteady) + ((RefundsPerBurst - 1) * gap) >= honestSteady)
        {
            throw new ArgumentOutOfRangeException(nameof(steadyEvents), steadyEvents, $"the steady part is too short for bursts of {RefundsPerBurst} refunds {RefundGap.TotalSeconds} s apart");
        }

        var steady = new List<(double Position, RawEvent Event)>(steadyEvents);
        steady.AddRange(honest.Skip(throughputEvents).Select((e, i) => ((double)(throughputEvents + i), e)));
        var creators = new List<string>(bursts);
        for (var b = 0; b < bursts; b++)
        {
            var creator = $"burst-{run}-{b:D4}";
            creators.Add(creator);
            var first = throughputEvents + ((b + 0.5) / bursts * BurstStarts * honestSteady);
            steady.Add((first - 0.5, Transaction($"{creator}-history", creator, "order.placed", At(first) - TimeSpan.FromHours(3), 0)));
            for (var r = 0; r < RefundsPerBurst; r++)
            {
                var position = first + (r * gap) + 0.25;
                steady.Add((position, Transaction($"{creator}-r{r}", creator, "order.refunded", At(position), r + 1)));
            }
        }

        var normalizer = new EventNormalizer(new ValidationLimits(), TimeProvider.System);
        return new SignalStream
        {
            Throughput = [.. honest.Take(throughputEvents).Select(e => Normalize(normalizer, e))],
            Steady = [.. steady.OrderBy(s => s.Position).Select(s => Normalize(normalizer, s.Event))],
            BurstCreators = creators,
            Spacing = spacing,
        };

        DateTimeOffset At(double position) => start + TimeSpan.FromTicks((long)(spacing.Ticks * position));
    }

    private static SignalRecord Normalize(EventNormalizer normalizer, RawEvent raw)
    {
        var source = raw.Topic == Topics.Content ? EventSource.Content : EventSource.Transaction;
        return normalizer.TryNormalize(Encoding.UTF8.GetBytes(raw.Value), source, out var record, out var rejection)
            ? new SignalRecord(Encoding.UTF8.GetString(record.Key), record.Key, record.Value)
            : throw new InvalidOperationException($"generated event {raw.EventId} was rejected: {rejection}");
    }

    // Shaped like the demo refund burst (shared/Governance.SampleData/DemoScenarios.cs).
    private static RawEvent Transaction(string id, string creator, string type, DateTimeOffset at, int buyer) => new(
        Topics.Transactions,
        creator,
        new JsonObject
        {
            ["eventId"] = id, ["type"] = type, ["creatorId"] = creator, ["occurredAt"] = at.ToString("O", CultureInfo.InvariantCulture),
            ["orderId"] = "order-" + id, ["buyerId"] = $"buyer-{id}-{buyer}", ["amount"] = 49.9, ["currency"] = "MXN", ["paymentFingerprint"] = $"fp-{id}",
        }.ToJsonString(),
        id,
        null);
}
