using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Governance.Hosting;

/// <summary>
/// A service's ActivitySource and Meter under one name, and the consumer-lag gauge every service reports
/// (a Kafka loop's records behind, the alerting service's queue depth). Services derive their own
/// instruments from <see cref="Meter"/>.
/// </summary>
public abstract class ServiceTelemetry : IDisposable
{
    private long _lag;

    /// <summary>Creates the source, the meter and <c>{metricPrefix}.consumer.lag</c> (a Kafka consumer's: records behind).</summary>
    protected ServiceTelemetry(IMeterFactory meterFactory, string name, string metricPrefix)
        : this(meterFactory, name, metricPrefix, "{record}", "Records behind the high watermarks of the assigned partitions.")
    {
    }

    /// <summary>Creates the source, the meter and <c>{metricPrefix}.consumer.lag</c> in the unit of what the service consumes.</summary>
    protected ServiceTelemetry(IMeterFactory meterFactory, string name, string metricPrefix, string lagUnit, string lagDescription)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(name);
        ActivitySource = new ActivitySource(name);
        Meter.CreateObservableGauge($"{metricPrefix}.consumer.lag", () => Interlocked.Read(ref _lag), lagUnit, lagDescription);
    }

    /// <summary>Spans of the service.</summary>
    public ActivitySource ActivitySource { get; }

    /// <summary>Consumer lag: summed over the assigned partitions (Kafka), or the input queue's depth (RabbitMQ).</summary>
    public long Lag
    {
        get => Interlocked.Read(ref _lag);
        set => Interlocked.Exchange(ref _lag, value);
    }

    /// <summary>The service's meter (from the factory, so tests can listen to it).</summary>
    protected Meter Meter { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the source and the meter.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            ActivitySource.Dispose();
            Meter.Dispose();
        }
    }
}
