namespace Governance.SampleData.Simulation;

/// <summary>Shape of a simulated, labelled marketplace stream (<c>governance simulate</c>).</summary>
public sealed record SimulationOptions
{
    /// <summary>Seed: the same options and seed always give the same stream and truth.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Creators on the marketplace (Zipf-skewed activity); a few percent are cast in labelled scenarios.</summary>
    public int Creators { get; init; } = 2_000;

    /// <summary>Events per second of event time, over the whole marketplace (the day's rhythm moves it ±35 %).</summary>
    public double Rate { get; init; } = 20;

    /// <summary>Event time covered.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(10);

    /// <summary>Event time of the stream's start.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Prefix of creator and event ids, so streams of different runs never collide in one deployment.</summary>
    public string IdPrefix { get; init; } = "sim";

    /// <summary>How long content records arrive after their event time.</summary>
    public TimeSpan ContentLag { get; init; }

    /// <summary>How long transaction records arrive after their event time.</summary>
    public TimeSpan TransactionLag { get; init; }

    /// <summary>Creators cast per abuse pattern and per honest trap: about 0.3 % of creators each, at least two.</summary>
    public int CastPerScenario => Math.Max(2, (int)Math.Round(Creators * 0.003));

    /// <summary>Throws when the options cannot make a stream.</summary>
    public void Validate()
    {
        if (Creators < 100)
        {
            throw new ArgumentOutOfRangeException(nameof(Creators), Creators, "at least 100 creators (scenarios need a marketplace around them)");
        }

        if (!(Rate > 0) || !double.IsFinite(Rate))
        {
            throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "events per second must be positive");
        }

        // Patterns take up to 8 h; a shorter stream labels only those that fit (the rest stay honest and unlabelled).
        if (Duration < TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "at least one minute of event time");
        }

        if (ContentLag < TimeSpan.Zero || TransactionLag < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ContentLag), "lags cannot be negative");
        }
    }
}
