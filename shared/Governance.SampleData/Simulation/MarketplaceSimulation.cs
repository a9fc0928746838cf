using System.Globalization;
using Governance.Contracts;

namespace Governance.SampleData.Simulation;

/// <summary>
/// A labelled marketplace stream: thousands of creators with Zipf-skewed, day-shaped activity in
/// English and Spanish, every abuse pattern of the default pack played by a few creators at known
/// times, and honest traps that look like abuse (<see cref="Patterns"/>). Event times have the real
/// density of the requested rate (5,000 events/s are ~0.2 ms apart); the same options give the same
/// stream and truth.
/// </summary>
public sealed class MarketplaceSimulation
{
    private readonly SimulationOptions _options;

    /// <summary>Plans the marketplace (cheap: the stream itself is made while it is read).</summary>
    public MarketplaceSimulation(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        Truth = [.. World.Create(options).Truth.OrderBy(t => t.FirstEventAt).ThenBy(t => t.CreatorId, StringComparer.Ordinal)];
    }

    /// <summary>Every creator cast in a scenario: abusive ones and honest traps.</summary>
    public IReadOnlyList<TruthEntry> Truth { get; }

    /// <summary>The stream in event-time order (ties in a stable order).</summary>
    public IEnumerable<SimulatedRecord> Events()
    {
        var world = World.Create(_options);
        var end = _options.Start + _options.Duration;
        var scheduled = new PriorityQueue<EventDraft, (long Ticks, long Order)>();
        long order = 0;
        foreach (var draft in world.Drafts)
        {
            scheduled.Enqueue(draft, (draft.At.UtcTicks, order++));
        }

        // Background draws use their own generator, so the plan (and truth) is the same whatever is read of the stream.
        var random = new Random(unchecked((_options.Seed * 7919) + 0x5EED));
        var activity = new HonestActivity(random, d => scheduled.Enqueue(d, (d.At.UtcTicks, order++)));
        var background = new PriorityQueue<Creator, (long Ticks, int Index)>();
        foreach (var creator in world.Creators)
        {
            var first = creator.ActiveFrom > _options.Start ? creator.ActiveFrom : _options.Start;
            if (NextTime(creator, first, end, random) is { } at)
            {
                background.Enqueue(creator, (at.UtcTicks, creator.Index));
            }
        }

        var writer = new EventWriter(world.Buyers);
        long sequence = 0;
        while (true)
        {
            var hasBackground = background.TryPeek(out var creator, out var next);
            var hasScheduled = scheduled.TryPeek(out var draft, out var due);
            if (!hasBackground && !hasScheduled)
            {
                yield break;
            }

            if (hasScheduled && (!hasBackground || due.Ticks <= next.Ticks))
            {
                scheduled.Dequeue();
            }
            else
            {
                background.Dequeue();
                var at = new DateTimeOffset(next.Ticks, TimeSpan.Zero);
                draft = activity.Next(creator!, at);
                if (NextTime(creator!, at, end, random) is { } then)
                {
                    background.Enqueue(creator!, (then.UtcTicks, creator!.Index));
                }
            }

            if (draft!.At >= end)
            {
                continue;
            }

            var eventId = string.Create(CultureInfo.InvariantCulture, $"{_options.IdPrefix}-s{_options.Seed}-e{sequence++}");
            var record = writer.Write(draft, eventId);
            var lag = record.Topic == Topics.Content ? _options.ContentLag : _options.TransactionLag;
            yield return new SimulatedRecord(record, draft.At, draft.At + lag);
        }
    }

    /// <summary>
    /// The stream in the order upstream delivers it: each source shifted by its lag (one source behind
    /// the other), merged by arrival time. Reads the stream twice (once per source) instead of
    /// buffering a lag's worth of records.
    /// </summary>
    public IEnumerable<SimulatedRecord> Deliveries()
    {
        if (_options.ContentLag == _options.TransactionLag)
        {
            foreach (var record in Events())
            {
                yield return record;
            }

            yield break;
        }

        using var content = Events().Where(r => r.Record.Topic == Topics.Content).GetEnumerator();
        using var transactions = Events().Where(r => r.Record.Topic == Topics.Transactions).GetEnumerator();
        var (hasContent, hasTransaction) = (content.MoveNext(), transactions.MoveNext());
        while (hasContent || hasTransaction)
        {
            if (hasContent && (!hasTransaction || content.Current.ArrivesAt <= transactions.Current.ArrivesAt))
            {
                yield return content.Current;
                hasContent = content.MoveNext();
            }
            else
            {
                yield return transactions.Current;
                hasTransaction = transactions.MoveNext();
            }
        }
    }

    /// <summary>The creator's next background event after <paramref name="after"/> (a Poisson process thinned by the day's rhythm and sales boosts).</summary>
    private static DateTimeOffset? NextTime(Creator creator, DateTimeOffset after, DateTimeOffset end, Random random)
    {
        if (creator.PerHour <= 0)
        {
            return null;
        }

        var max = creator.MaxRate();
        var bound = max / 3600;
        var at = after;
        while (true)
        {
            at += TimeSpan.FromSeconds(-Math.Log(1 - random.NextDouble()) / bound);
            if (at >= end)
            {
                return null;
            }

            if (random.NextDouble() * max < creator.RateAt(at))
            {
                return at;
            }
        }
    }
}
