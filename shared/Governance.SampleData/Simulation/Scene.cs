namespace Governance.SampleData.Simulation;

/// <summary>Where a scenario is played: its creator, the stream's span, the tools to make events, and what it injected.</summary>
internal sealed class Scene(Random random, HonestActivity activity, Buyers buyers, Creator creator, DateTimeOffset start, DateTimeOffset end)
{
    public Random Random => random;

    public HonestActivity Activity => activity;

    public Buyers Buyers => buyers;

    public Creator Creator => creator;

    public DateTimeOffset End => end;

    public List<EventDraft> Drafts { get; } = [];

    /// <summary>Set by traps whose "event" is a change of honest activity (a sale) rather than injected records.</summary>
    public (DateTimeOffset First, DateTimeOffset Completed)? Span { get; set; }

    /// <summary>A start time such that a pattern of <paramref name="length"/> fits in the stream (anywhere, the first minutes included).</summary>
    public DateTimeOffset Begin(TimeSpan length)
    {
        var room = (end - start - length - TimeSpan.FromMinutes(2)).Ticks;
        return start + TimeSpan.FromMinutes(1) + TimeSpan.FromTicks((long)(random.NextDouble() * Math.Max(0, room)));
    }

    public double Uniform(double from, double to) => from + ((to - from) * random.NextDouble());

    public TimeSpan Minutes(double from, double to) => TimeSpan.FromMinutes(Uniform(from, to));

    public TimeSpan Hours(double from, double to) => TimeSpan.FromHours(Uniform(from, to));

    /// <summary><paramref name="count"/> times spread at random over [from, from + span), in order.</summary>
    public List<DateTimeOffset> Times(DateTimeOffset from, TimeSpan span, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => from + (span * random.NextDouble())).Order()];

    public void Add(EventDraft draft) => Drafts.Add(draft);

    public string Pick(string[] en, string[] es) => Texts.Pick(random, creator.Spanish ? es : en);
}
