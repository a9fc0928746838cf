using System.Diagnostics.Metrics;
using Governance.Hosting;

namespace Governance.Signals;

/// <summary>The worker's ActivitySource and instruments.</summary>
public sealed class SignalsTelemetry : ServiceTelemetry
{
    /// <summary>ActivitySource and Meter name.</summary>
    public const string Name = "Governance.Signals";

    /// <summary>Creates the instruments on a meter from the factory.</summary>
    public SignalsTelemetry(IMeterFactory meterFactory)
        : base(meterFactory, Name, "governance.signals")
    {
        Events = Meter.CreateCounter<long>("governance.signals.events", "{event}", "Events evaluated, by outcome (applied, duplicate, late, unreadable).");
        Signals = Meter.CreateCounter<long>("governance.signals.published", "{signal}", "Signals published, by rule and mode.");
        RuleErrors = Meter.CreateCounter<long>("governance.signals.rule_errors", "{evaluation}", "Rule evaluations that failed at runtime (counted as false), by rule.");
        CooledDown = Meter.CreateCounter<long>("governance.signals.cooled_down", "{crossing}", "Threshold crossings suppressed by a cooldown, by rule.");
        BatchDuration = Meter.CreateHistogram<double>("governance.signals.batch.duration", "s", "From the first record of a batch to its offset commit.");
        InputAge = Meter.CreateHistogram<double>("governance.signals.input.age", "s", "Age of a batch's oldest record (now − its producer timestamp) when the batch is prepared and when its processing starts, by stage: how far behind the input the worker runs.");
        Retries = Meter.CreateCounter<long>("governance.signals.retries", "{retry}", "Retries of Redis or RabbitMQ work, by dependency.");
        PackReloads = Meter.CreateCounter<long>("governance.signals.pack.reloads", "{reload}", "Rule pack loads, by result (loaded, rejected).");
    }

    /// <summary>Events by outcome.</summary>
    public Counter<long> Events { get; }

    /// <summary>Reports the grouped-rule keys the window store dropped at its cap (<c>Signals:Windows:MaxKeysPerRule</c>).</summary>
    public void ObserveDroppedKeys(Func<long> dropped) =>
        Meter.CreateObservableCounter("governance.signals.keys_dropped", dropped, "{key}", "Grouped-rule keys dropped to keep a creator's rule within Signals:Windows:MaxKeysPerRule.");

    /// <summary>Signals by rule and mode.</summary>
    public Counter<long> Signals { get; }

    /// <summary>Runtime rule errors by rule.</summary>
    public Counter<long> RuleErrors { get; }

    /// <summary>Cooled-down crossings by rule.</summary>
    public Counter<long> CooledDown { get; }

    /// <summary>Batch latency.</summary>
    public Histogram<double> BatchDuration { get; }

    /// <summary>How far behind its input the worker runs, by stage (prepared, started).</summary>
    public Histogram<double> InputAge { get; }

    /// <summary>Retries by dependency.</summary>
    public Counter<long> Retries { get; }

    /// <summary>Pack loads by result.</summary>
    public Counter<long> PackReloads { get; }
}
