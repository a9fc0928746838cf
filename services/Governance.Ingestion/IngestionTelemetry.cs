using System.Diagnostics.Metrics;
using Governance.Hosting;

namespace Governance.Ingestion;

/// <summary>The service's ActivitySource and instruments, under one name.</summary>
public sealed class IngestionTelemetry : ServiceTelemetry
{
    /// <summary>ActivitySource and Meter name.</summary>
    public const string Name = "Governance.Ingestion";

    /// <summary>Creates the instruments on a meter from the factory.</summary>
    public IngestionTelemetry(IMeterFactory meterFactory)
        : base(meterFactory, Name, "governance.ingestion")
    {
        RecordsIn = Meter.CreateCounter<long>("governance.ingestion.records.in", "{record}", "Records read from the input topics.");
        RecordsOut = Meter.CreateCounter<long>("governance.ingestion.records.out", "{record}", "Normalized events acknowledged on the output topic.");
        DeadLettered = Meter.CreateCounter<long>("governance.ingestion.records.deadlettered", "{record}", "Rejected records acknowledged on the dead-letter topic, by reason.");
        BatchDuration = Meter.CreateHistogram<double>("governance.ingestion.batch.duration", "s", "From the first record of a batch to its offset commit.");
        DeliveryFailures = Meter.CreateCounter<long>("governance.ingestion.batch.delivery_failures", "{batch}", "Batches that were not acknowledged and are processed again.");
    }

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
}
