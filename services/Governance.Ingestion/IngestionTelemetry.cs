using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Governance.Ingestion;

/// <summary>The service's ActivitySource and instruments, under one name.</summary>
public sealed class IngestionTelemetry : IDisposable
{
    /// <summary>ActivitySource and Meter name.</summary>
    public const string Name = "Governance.Ingestion";

    private readonly Meter _meter;
    private long _lag;

    /// <summary>Creates the instruments on a meter from the factory.</summary>
    public IngestionTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(Name);
        RecordsIn = _meter.CreateCounter<long>("governance.ingestion.records.in", "{record}", "Records read from the input topics.");
        RecordsOut = _meter.CreateCounter<long>("governance.ingestion.records.out", "{record}", "Normalized events acknowledged on the output topic.");
        DeadLettered = _meter.CreateCounter<long>("governance.ingestion.records.deadlettered", "{record}", "Rejected records acknowledged on the dead-letter topic, by reason.");
        BatchDuration = _meter.CreateHistogram<double>("governance.ingestion.batch.duration", "s", "From the first record of a batch to its offset commit.");
        DeliveryFailures = _meter.CreateCounter<long>("governance.ingestion.batch.delivery_failures", "{batch}", "Batches that were not acknowledged and are processed again.");
        _meter.CreateObservableGauge("governance.ingestion.consumer.lag", () => Interlocked.Read(ref _lag), "{record}", "Records behind the high watermarks of the assigned partitions.");
    }

    /// <summary>Spans for batches and records.</summary>
    public ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>Records read.</summary>
    public Counter<long> RecordsIn { get; }

    /// <summary>Normalized events written.</summary>
    public Counter<long> RecordsOut { get; }

    /// <summary>Records dead-lettered, tagged <c>reason</c>.</summary>
    public Counter<long> DeadLettered { get; }

    /// <summary>Batch latency.</summary>
    public Histogram<double> BatchDuration { get; }

    /// <summary>Batches that failed delivery.</summary>
    public Counter<long> DeliveryFailures { get; }

    /// <summary>Consumer lag, summed over assigned partitions.</summary>
    public long Lag
    {
        get => Interlocked.Read(ref _lag);
        set => Interlocked.Exchange(ref _lag, value);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ActivitySource.Dispose();
        _meter.Dispose();
    }
}
