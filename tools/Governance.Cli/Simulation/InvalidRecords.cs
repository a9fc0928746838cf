using Governance.Contracts;
using Governance.SampleData;
using Governance.SampleData.Simulation;

namespace Governance.Cli.Simulation;

/// <summary>
/// Adds deliberately broken copies of some records to a simulated stream (<c>simulate --invalid-share</c>),
/// one per ingestion rejection reason in turn, so dead letters flow next to the labelled stream. The copies
/// come right after their original and change nothing of the stream or its truth: ingestion rejects them.
/// </summary>
internal static class InvalidRecords
{
    /// <summary>Just over ingestion's default record limit (256 KiB): enough for <c>too_large</c>, no more.</summary>
    private const int TooLargeBytes = 264 * 1024;

    public static IEnumerable<(SimulatedRecord Record, string? Rejection)> Mix(IEnumerable<SimulatedRecord> records, double share)
    {
        var every = share > 0 ? Math.Max(1, (long)Math.Round(1 / share)) : long.MaxValue;
        long n = 0;
        long broken = 0;
        foreach (var record in records)
        {
            yield return (record, null);
            if (++n % every == 0)
            {
                var reason = RejectionReasons.All[(int)(broken++ % RejectionReasons.All.Count)];
                var value = SampleEventGenerator.Break(record.Record.Value, reason, record.OccurredAt, TooLargeBytes);
                yield return (record with { Record = record.Record with { Value = value, ExpectedRejection = reason } }, reason);
            }
        }
    }
}
