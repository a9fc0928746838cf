using System.Globalization;
using Governance.Rules.Windows;
using Governance.Testing;

namespace Governance.Signals.IntegrationTests;

/// <summary>
/// Runs a <see cref="WindowStream"/> through a store and through the exact oracle, batch by batch, and
/// fails on the first event where they disagree: status, window end, first-seen times and distinct
/// counts equal; a series between the oracle over its window less one bucket and over its whole window.
/// </summary>
internal static class WindowOracle
{
    /// <summary>Far beyond a stream's span: the oracle remembers every eventId, the held store only this long.</summary>
    public static WindowStoreOptions Options { get; } = new() { DedupHorizon = TimeSpan.FromDays(30) };

    public static async Task AssertMatchesAsync(IWindowStore store, WindowStream stream)
    {
        var exact = new ExactWindowStore(Options);
        var shorter = new ExactWindowStore(Options);
        var batches = stream.Batches(TimeSpan.Zero);
        var lowerBound = stream.Batches(stream.BucketWidth);
        for (var b = 0; b < batches.Count; b++)
        {
            var held = (await store.ApplyAsync(batches[b], TestDecisions.None, CancellationToken.None)).Creators;
            var upper = (await exact.ApplyAsync(batches[b], TestDecisions.None, CancellationToken.None)).Creators;
            var lower = (await shorter.ApplyAsync(lowerBound[b], TestDecisions.None, CancellationToken.None)).Creators;
            for (var c = 0; c < batches[b].Length; c++)
            {
                for (var i = 0; i < batches[b][c].Events.Count; i++)
                {
                    Compare(batches[b][c].Events[i], held[c].Events[i], upper[c].Events[i], lower[c].Events[i]);
                }
            }
        }
    }

    private static void Compare(EventUpdates e, EventOutcome held, EventOutcome upper, EventOutcome lower)
    {
        var at = string.Create(CultureInfo.InvariantCulture, $"{e.EventId} at {e.OccurredAt:HH:mm:ss} (offset {e.Position.Offset})");
        Assert.True(upper.Status == held.Status, $"{at}: {held.Status}, oracle {upper.Status}");
        Assert.True(upper.WindowEnd == held.WindowEnd, $"{at}: window end {held.WindowEnd:HH:mm:ss}, oracle {upper.WindowEnd:HH:mm:ss}");
        for (var u = 0; u < held.Values.Length; u++)
        {
            var (value, low, high) = (held.Values[u], lower.Values[u], upper.Values[u]);
            var name = e.Updates[u].Key;
            Assert.True(
                e.Updates[u].Kind == UpdateKind.Distinct ? value == high : low <= value && value <= high,
                string.Create(CultureInfo.InvariantCulture, $"{at}: {name} {value}, oracle {low} (window less a bucket) to {high}"));
        }

        Assert.Equal(upper.Values.Length, held.Values.Length);
    }
}
