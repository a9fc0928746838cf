using System.Globalization;
using CsCheck;
using Governance.Rules.Windows;

namespace Governance.Signals.IntegrationTests;

/// <summary>
/// A generated input for the window stores: a few creators' events on two partitions, in order,
/// out of order inside the window and beyond it, with upstream duplicates (an eventId again at a new
/// offset) and redeliveries (a record read again at its offset), cut into batches.
/// </summary>
/// <remarks>
/// Times are whole seconds and bucket widths whole seconds, so a bucket edge is exact and the held
/// store's series bound (between the window less one bucket and the whole window) can be checked
/// without a tolerance.
/// </remarks>
internal sealed record WindowStream(int WindowSeconds, int Buckets, int DistinctWindowSeconds, int BatchSize, StreamStep[] Steps)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Windows of 1 s to 2 h; bucket counts that divide them into whole seconds.</summary>
    public static Gen<WindowStream> Gen { get; } =
        from buckets in CsCheck.Gen.OneOf(1, 2, 3, 4, 6, 10, 12, 60)
        from width in CsCheck.Gen.Int[1, 120]
        from distinctWindow in CsCheck.Gen.Int[1, 7200]
        from batchSize in CsCheck.Gen.Int[1, 40]
        from steps in StreamStep.Gen(buckets * width).Array[1, 80]
        select new WindowStream(buckets * width, buckets, distinctWindow, batchSize, steps);

    private TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    /// <summary>The series' bucket width: the lower bound's oracle runs the series windows shortened by it.</summary>
    public TimeSpan BucketWidth => TimeSpan.FromSeconds(WindowSeconds / Buckets);

    /// <summary>
    /// The batches as the pipeline hands them over: in input order, each creator's events together.
    /// <paramref name="seriesShortening"/> shortens the series windows (the lower bound's oracle).
    /// </summary>
    public List<CreatorUpdates[]> Batches(TimeSpan seriesShortening) =>
        [.. Events(seriesShortening).Chunk(BatchSize).Select(chunk => chunk
            .GroupBy(e => e.Creator, StringComparer.Ordinal)
            .Select(g => new CreatorUpdates(g.Key, [.. g.Select(e => e.Event)], []))
            .ToArray())];

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"window {WindowSeconds} s in {Buckets} buckets, distinct window {DistinctWindowSeconds} s, batches of {BatchSize}: ")
        + string.Join(", ", Steps);

    private List<(string Creator, EventUpdates Event)> Events(TimeSpan seriesShortening)
    {
        var made = new List<(string Creator, EventUpdates Event)>();
        var offsets = new long[2];
        var clock = T0;
        var horizon = TimeSpan.FromSeconds(Math.Max(WindowSeconds, DistinctWindowSeconds));
        foreach (var step in Steps)
        {
            if (step.Kind != StepKind.New && made.Count > 0)
            {
                var (creator, earlier) = made[Math.Max(0, made.Count - 1 - step.Earlier)];
                made.Add((creator, step.Kind == StepKind.Redelivery
                    ? earlier
                    : earlier with { Position = new EventPosition(earlier.Position.Partition, offsets[earlier.Position.Partition]++) }));
                continue;
            }

            clock += TimeSpan.FromSeconds(step.Forward);
            var partition = step.Creator % 2;
            var e = new EventUpdates($"e{made.Count}", "order.placed", clock - TimeSpan.FromSeconds(step.Back), Updates(step, seriesShortening))
            {
                Source = "transaction",
                Horizon = horizon,
                Position = new EventPosition(partition, offsets[partition]++),
            };
            made.Add(($"c{step.Creator}", e));
        }

        return made;
    }

    /// <summary>A count (read only for some events), a sum of quarters and a distinct count of a few buyers.</summary>
    private StateUpdate[] Updates(StreamStep step, TimeSpan seriesShortening)
    {
        var window = Window - seriesShortening;
        var count = new StateUpdate(UpdateKind.Series, "count", window, Buckets, 1, null, Apply: !step.ReadOnly, KeepEvidence: false);
        var sum = new StateUpdate(UpdateKind.Series, "sum", window, Buckets, step.Quarters / 4.0, null, Apply: true, KeepEvidence: false);
        var distinct = new StateUpdate(UpdateKind.Distinct, "buyers", TimeSpan.FromSeconds(DistinctWindowSeconds), 1, 0, $"buyer-{step.Item}", Apply: true, KeepEvidence: false);
        return step.Rules switch
        {
            0 => [count, sum, distinct],
            1 => [count],
            2 => [distinct],
            _ => [sum, count],
        };
    }
}
