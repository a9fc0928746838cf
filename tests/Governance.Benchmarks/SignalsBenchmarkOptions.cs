using System.Globalization;
using Governance.Signals;

namespace Governance.Benchmarks;

/// <summary>Shape of a signals benchmark run.</summary>
/// <param name="Events">Events of the throughput runs (worker and bare loop each).</param>
/// <param name="Partitions">Partitions of each topic.</param>
/// <param name="Window">Most records the feeder may be ahead of the consumer.</param>
/// <param name="Rate">Input rate of the steady phase (events/s).</param>
/// <param name="Seconds">Length of the steady phase.</param>
/// <param name="Bursts">Refund-burst creators in the steady phase (one signal each).</param>
/// <param name="WarmupSeconds">Seconds fed at the steady rate, with bursts of their own, before the steady phase is timed.</param>
/// <param name="FetchWaitMs">The worker's <c>fetch.wait.max.ms</c> (<c>Kafka:Consumer</c>), or null for the deployment's 20 ms.</param>
/// <param name="BatchMaxWaitMs">The worker's <c>Signals:BatchMaxWait</c>, or null for the deployment's default.</param>
/// <param name="BatchSize">The worker's (and the bare loop's) <c>Signals:BatchSize</c>, or null for the deployment's default.</param>
internal sealed record SignalsBenchmarkOptions(int Events, int Partitions, int Window, int Rate, int Seconds, int Bursts, int WarmupSeconds, int? FetchWaitMs, int? BatchMaxWaitMs, int? BatchSize)
{
    /// <summary>Records per batch of the worker and the bare loop.</summary>
    public int EffectiveBatchSize => BatchSize ?? Deployment.BatchSize;

    /// <summary>The deployment's defaults.</summary>
    private static SignalsOptions Deployment => new();

    /// <summary>Worker settings that differ from the deployment's defaults.</summary>
    public IReadOnlyDictionary<string, string?> WorkerSettings
    {
        get
        {
            var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (FetchWaitMs is { } fetch)
            {
                settings["Kafka:Consumer:fetch.wait.max.ms"] = fetch.ToString(CultureInfo.InvariantCulture);
            }

            if (BatchSize is { } size)
            {
                settings["Signals:BatchSize"] = size.ToString(CultureInfo.InvariantCulture);
            }

            if (BatchMaxWaitMs is { } wait)
            {
                settings["Signals:BatchMaxWait"] = TimeSpan.FromMilliseconds(wait).ToString("c", CultureInfo.InvariantCulture);
            }

            return settings;
        }
    }

    /// <summary>The same consumer properties for the delivery probe.</summary>
    public IReadOnlyDictionary<string, string> ConsumerSettings =>
        new Dictionary<string, string> { ["fetch.wait.max.ms"] = (FetchWaitMs ?? 20).ToString(CultureInfo.InvariantCulture) };

    public string Describe() =>
        $"worker settings: fetch.wait.max.ms {FetchWaitMs?.ToString(CultureInfo.InvariantCulture) ?? "20 (deployment default)"}, "
        + $"Signals:BatchMaxWait {(BatchMaxWaitMs is { } wait ? wait : Deployment.BatchMaxWait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)} ms, "
        + $"BatchSize {EffectiveBatchSize.ToString(CultureInfo.InvariantCulture)}{(BatchSize is null && BatchMaxWaitMs is null ? " (deployment defaults)" : "")}";
}
