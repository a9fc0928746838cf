using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Governance.Hosting;

/// <summary>
/// A service's ActivitySource and Meter under one name, and the consumer-lag gauge every Kafka loop
/// reports. Services derive their own instruments from <see cref="Meter"/>.
/// </summary>
public abstract class ServiceTelemetry : IDisposable
{
    private long _lag;

    /// <summary>Creates the source, the meter and <c>{metricPrefix}.consumer.lag</c>.</summary>
    protected ServiceTelemetry(IMeterFactory meterFactory, string name, string metricPrefix)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(name);
        ActivitySource = new ActivitySource(name);
        Meter.CreateObservableGauge($"{metricPrefix}.consumer.lag", () => Interlocked.Read(ref _lag), "{record}", "Records behind the high watermarks of the assigned partitions.");
    }

    /// <summary>Spans of the service.</summary>
    public ActivitySource ActivitySource { get; }

    /// <summary>Consumer lag, summed over the assigned partitions.</summary>
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
