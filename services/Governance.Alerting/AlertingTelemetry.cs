using System.Diagnostics.Metrics;
using Governance.Hosting;

namespace Governance.Alerting;

/// <summary>The alerting service's ActivitySource and instruments.</summary>
public sealed class AlertingTelemetry : ServiceTelemetry
{
    /// <summary>ActivitySource and Meter name.</summary>
    public const string Name = "Governance.Alerting";

    private readonly Func<IEnumerable<Measurement<double>>> _noPrecision = () => [];
    private Func<IEnumerable<Measurement<double>>>? _precision;

    /// <summary>Creates the instruments on a meter from the factory.</summary>
    public AlertingTelemetry(IMeterFactory meterFactory)
        : base(meterFactory, Name, "governance.alerting", "{signal}", "Signals ready in the input queue (governance.risk-signals), not yet taken by any instance.")
    {
        Signals = Meter.CreateCounter<long>("governance.alerting.signals", "{signal}", "Signals consumed, by outcome (scored, shadow, duplicate, invalid).");
        Alerts = Meter.CreateCounter<long>("governance.alerting.alerts", "{revision}", "Alert revisions written, by change (opened, updated) and priority.");
        Sent = Meter.CreateCounter<long>("governance.alerting.outbox.sent", "{message}", "CreatorFlagged messages the broker confirmed.");
        Decisions = Meter.CreateCounter<long>("governance.alerting.decisions", "{decision}", "Moderator decisions recorded, by decision.");
        SignalToQueue = Meter.CreateHistogram<double>("governance.alerting.signal_to_queue", "s", "From a signal's detection to the broker's confirm of the alert it changed.");
        BatchSize = Meter.CreateHistogram<int>("governance.alerting.batch.size", "{signal}", "Signals per PostgreSQL transaction.");
        BatchDuration = Meter.CreateHistogram<double>("governance.alerting.batch.duration", "s", "One batch's transaction: read and lock, apply, write, commit.");
        Waits = Meter.CreateCounter<long>("governance.alerting.dependency.waits", "{wait}", "Pauses while a dependency is away, by dependency.");
        Pruned = Meter.CreateCounter<long>("governance.alerting.pruned", "{row}", "Rows deleted by retention (Alerting:Retention), by table.");
        Meter.CreateObservableGauge("governance.alerting.rule.precision", () => (_precision ?? _noPrecision)(), "1", "Per rule: confirmed / decided alerts over the last 30 days (tag rule).");
    }

    /// <summary>Signals by outcome.</summary>
    public Counter<long> Signals { get; }

    /// <summary>Alert revisions by change and priority.</summary>
    public Counter<long> Alerts { get; }

    /// <summary>Confirmed sends.</summary>
    public Counter<long> Sent { get; }

    /// <summary>Decisions by decision.</summary>
    public Counter<long> Decisions { get; }

    /// <summary>Signal detection to confirmed alert.</summary>
    public Histogram<double> SignalToQueue { get; }

    /// <summary>Signals per transaction.</summary>
    public Histogram<int> BatchSize { get; }

    /// <summary>Duration of a batch's transaction.</summary>
    public Histogram<double> BatchDuration { get; }

    /// <summary>Dependency pauses.</summary>
    public Counter<long> Waits { get; }

    /// <summary>Rows deleted by retention, by table.</summary>
    public Counter<long> Pruned { get; }

    /// <summary>Supplies the per-rule precision gauge (read from PostgreSQL by the precision reporter).</summary>
    public void ObservePrecision(Func<IEnumerable<Measurement<double>>> observe) => _precision = observe;
}
