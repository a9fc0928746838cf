using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Governance.Signals;

/// <summary>The worker's ActivitySource and instruments.</summary>
public sealed class SignalsTelemetry : IDisposable
{
    /// <summary>ActivitySource and Meter name.</summary>
    public const string Name = "Governance.Signals";

    private readonly Meter _meter;
    private long _lag;

    /// <summary>Creates the instruments on a meter from the factory.</summary>
    public SignalsTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(Name);
        Events = _meter.CreateCounter<long>("governance.signals.events", "{event}", "Events evaluated, by outcome (applied, duplicate, late, unreadable).");
        Signals = _meter.CreateCounter<long>("governance.signals.published", "{signal}", "Signals published, by rule and mode.");
        RuleErrors = _meter.CreateCounter<long>("governance.signals.rule_errors", "{evaluation}", "Rule evaluations that failed at runtime (counted as false), by rule.");
        CooledDown = _meter.CreateCounter<long>("governance.signals.cooled_down", "{crossing}", "Threshold crossings suppressed by a cooldown, by rule.");
        BatchDuration = _meter.CreateHistogram<double>("governance.signals.batch.duration", "s", "From the first record of a batch to its offset commit.");
        Retries = _meter.CreateCounter<long>("governance.signals.retries", "{retry}", "Retries of Redis or RabbitMQ work, by dependency.");
        PackReloads = _meter.CreateCounter<long>("governance.signals.pack.reloads", "{reload}", "Rule pack loads, by result (loaded, rejected).");
        _meter.CreateObservableGauge("governance.signals.consumer.lag", () => Interlocked.Read(ref _lag), "{record}", "Records behind the high watermarks of the assigned partitions.");
    }

    /// <summary>Spans for batches.</summary>
    public ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>Events by outcome.</summary>
    public Counter<long> Events { get; }

    /// <summary>Signals by rule and mode.</summary>
    public Counter<long> Signals { get; }

    /// <summary>Runtime rule errors by rule.</summary>
    public Counter<long> RuleErrors { get; }

    /// <summary>Cooled-down crossings by rule.</summary>
    public Counter<long> CooledDown { get; }

    /// <summary>Batch latency.</summary>
    public Histogram<double> BatchDuration { get; }

    /// <summary>Retries by dependency.</summary>
    public Counter<long> Retries { get; }

    /// <summary>Pack loads by result.</summary>
    public Counter<long> PackReloads { get; }

    /// <summary>Consumer lag.</summary>
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
