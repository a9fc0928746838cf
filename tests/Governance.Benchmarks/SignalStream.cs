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
/// ingestion would, split into the throughput part and the steady part that follows it in event time
/// (an untimed warm-up, then the measured part).
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

    /// <summary>The untimed warm-up (its first <see cref="WarmupRecords"/> records), then the measured steady part.</summary>
    public required SignalRecord[] Steady { get; init; }

    public required int WarmupRecords { get; init; }

    public required int WarmupBursts { get; init; }

    public required TimeSpan Spacing { get; init; }

    public int DistinctCreators => Throughput.Concat(Steady).Select(r => r.CreatorId).Distinct(StringComparer.Ordinal).Count();

    /// <summary>
    /// A throughput part, then a steady part of <paramref name="warmupEvents"/> + <paramref name="steadyEvents"/>
    /// with <paramref name="bursts"/> bursts in its measured part and as many per second in its warm-up as
    /// fire there (their 5th refund inside the warm-up), so the signal path runs before it is timed.
    /// </summary>
    public static SignalStream Create(int throughputEvents, int warmupEvents, int steadyEvents, int bursts, int rate, string run)
    {
        var spacing = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / rate);
        var gap = RefundGap.Ticks / (double)spacing.Ticks;

        // A warm-up burst must fire (5th refund) before the warm-up ends, with a second to spare.
        var warmupBurstSpan = warmupEvents - ((4 + 1) * gap);
        var warmupBursts = warmupBurstSpan > 0 ? (int)((long)bursts * warmupEvents / steadyEvents) : 0;
        var total = warmupEvents + steadyEvents;
        var honestSteady = total - ((bursts + warmupBursts) * (RefundsPerBurst + 1));
        if (honestSteady < total / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(bursts), bursts, "the bursts would be more than half of the steady phase");
        }

        var honestWarmup = (double)honestSteady * warmupEvents / total;
        var honestMeasured = honestSteady - honestWarmup;
        if ((BurstStarts * honestMeasured) + ((RefundsPerBurst - 1) * gap) >= honestMeasured)
        {
            throw new ArgumentOutOfRangeException(nameof(steadyEvents), steadyEvents, $"the steady part is too short for bursts of {RefundsPerBurst} refunds {RefundGap.TotalSeconds} s apart");
        }

        var start = DateTimeOffset.UtcNow - (spacing * (throughputEvents + honestSteady)) - TimeSpan.FromMinutes(1);
        var honest = new SampleEventGenerator(new SampleEventOptions { Creators = 100_000, InvalidShare = 0, Start = start, Spacing = spacing, EventIdPrefix = "bench-" + run })
            .Generate().Take(throughputEvents + honestSteady).ToArray();

        var steady = new List<(double Position, RawEvent Event)>(total);
        steady.AddRange(honest.Skip(throughputEvents).Select((e, i) => ((double)(throughputEvents + i), e)));
        for (var b = 0; b < warmupBursts; b++)
        {
            AddBurst($"burst-{run}-w{b:D4}", throughputEvents + ((b + 0.5) / warmupBursts * Math.Min(warmupBurstSpan, BurstStarts * honestWarmup)));
        }

        for (var b = 0; b < bursts; b++)
        {
            AddBurst($"burst-{run}-{b:D4}", throughputEvents + honestWarmup + ((b + 0.5) / bursts * BurstStarts * honestMeasured));
        }

        var normalizer = new EventNormalizer(new ValidationLimits(), TimeProvider.System);
        var ordered = steady.OrderBy(s => s.Position).ToArray();
        return new SignalStream
        {
            Throughput = [.. honest.Take(throughputEvents).Select(e => Normalize(normalizer, e))],
            Steady = [.. ordered.Select(s => Normalize(normalizer, s.Event))],
            WarmupRecords = ordered.Count(s => s.Position < throughputEvents + honestWarmup),
            WarmupBursts = warmupBursts,
            Spacing = spacing,
        };

        void AddBurst(string creator, double first)
        {
            steady.Add((first - 0.5, Transaction($"{creator}-history", creator, "order.placed", At(first) - TimeSpan.FromHours(3), 0)));
            for (var r = 0; r < RefundsPerBurst; r++)
            {
                var position = first + (r * gap) + 0.25;
                steady.Add((position, Transaction($"{creator}-r{r}", creator, "order.refunded", At(position), r + 1)));
            }
        }

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
