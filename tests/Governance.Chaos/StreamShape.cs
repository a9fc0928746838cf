namespace Governance.Chaos;

/// <summary>
/// Size and density of the generated stream. Each creator's events are as dense in event time as in a
/// marketplace of a few thousand events/s spread over a few hundred thousand creators: the stream
/// carries <see cref="Creators"/> of them (Zipf-skewed), which is what per-creator windows see.
/// </summary>
public sealed record StreamShape(int Events, int Creators, TimeSpan Span, int AbuseCopies, double InvalidShare = 0.02)
{
    /// <summary>CI: ~16,000 records over 90 minutes of event time.</summary>
    public static StreamShape ShortForm { get; } = new(16_000, 300, TimeSpan.FromMinutes(90), 3);

    /// <summary>The full form: ~50,000 records over two hours.</summary>
    public static StreamShape FullForm { get; } = new(50_000, 800, TimeSpan.FromHours(2), 4);
}
