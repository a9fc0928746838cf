namespace Governance.SampleData;

/// <summary>Shape of a generated stream.</summary>
public sealed record SampleEventOptions
{
    /// <summary>Distinct creators; activity per creator is Zipf-skewed.</summary>
    public int Creators { get; init; } = 10_000;

    /// <summary>Share of records that are invalid (each reason code in turn).</summary>
    public double InvalidShare { get; init; } = 0.02;

    /// <summary>Seed, so a stream can be generated again identically.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Event time between consecutive records (1,000,000 records span about ten hours by default).</summary>
    public TimeSpan Spacing { get; init; } = TimeSpan.FromMilliseconds(37);

    /// <summary>Event time of the first record; later ones advance by <see cref="Spacing"/>.</summary>
    public DateTimeOffset Start { get; init; } = DateTimeOffset.UtcNow.AddHours(-1);

    /// <summary>Size of the padding that makes a <c>too_large</c> record (over the 256 KiB default limit).</summary>
    public int TooLargeBytes { get; init; } = 300 * 1024;

    /// <summary>
    /// Which creators' events are kept, by Zipf rank (0 is the busiest), or all when null. Time still
    /// advances for the dropped ones, so a kept creator's events are as dense as in the whole stream
    /// (a sample of a marketplace's creators at the marketplace's density).
    /// </summary>
    public Func<int, bool>? KeepCreator { get; init; }

    /// <summary>Prefix of event ids, so several streams never collide.</summary>
    public string EventIdPrefix { get; init; } = "evt";
}
