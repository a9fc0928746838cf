namespace Governance.Benchmarks;

/// <summary>Shape of a signals benchmark run.</summary>
/// <param name="Events">Events of the throughput runs (worker and bare loop each).</param>
/// <param name="Partitions">Partitions of each topic.</param>
/// <param name="Window">Most records the feeder may be ahead of the consumer.</param>
/// <param name="Rate">Input rate of the steady phase (events/s).</param>
/// <param name="Seconds">Length of the steady phase.</param>
/// <param name="Bursts">Refund-burst creators in the steady phase (one signal each).</param>
/// <param name="FetchWaitMs">The worker's <c>fetch.wait.max.ms</c> (<c>Kafka:Consumer</c>), or null for librdkafka's 500 ms.</param>
/// <param name="BatchMaxWaitMs">The worker's <c>Signals:BatchMaxWait</c>, or null for the deployment's 200 ms.</param>
internal sealed record SignalsBenchmarkOptions(int Events, int Partitions, int Window, int Rate, int Seconds, int Bursts, int? FetchWaitMs, int? BatchMaxWaitMs)
{
    /// <summary>Worker settings that differ from the deployment's defaults.</summary>
    public IReadOnlyDictionary<string, string?> WorkerSettings
    {
        get
        {
            var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (FetchWaitMs is { } fetch)
            {
                settings["Kafka:Consumer:fetch.wait.max.ms"] = fetch.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (BatchMaxWaitMs is { } wait)
            {
                settings["Signals:BatchMaxWait"] = TimeSpan.FromMilliseconds(wait).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
            }

            return settings;
        }
    }

    /// <summary>The same consumer properties for the delivery probe.</summary>
    public IReadOnlyDictionary<string, string> ConsumerSettings =>
        FetchWaitMs is { } fetch ? new Dictionary<string, string> { ["fetch.wait.max.ms"] = fetch.ToString(System.Globalization.CultureInfo.InvariantCulture) } : new Dictionary<string, string>();

    public string Describe() =>
        $"worker settings: fetch.wait.max.ms {FetchWaitMs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "500 (librdkafka default)"}, "
        + $"Signals:BatchMaxWait {BatchMaxWaitMs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "200 (deployment default)"} ms, BatchSize 1000";
}
