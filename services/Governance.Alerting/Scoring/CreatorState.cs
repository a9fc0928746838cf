using Governance.Alerting.Storage;
using Governance.Contracts;

namespace Governance.Alerting.Scoring;

/// <summary>
/// One creator as a batch holds it (its row locked): scores, open alert and the enforce signals a
/// decision may need, updated in memory as each of the batch's signals is applied, in order.
/// </summary>
internal sealed class CreatorState(CreatorRow row, AlertRow? open, IEnumerable<SignalRow> signals, ParsedSignals parsed)
{
    public CreatorRow Row { get; set; } = row;

    public AlertRow? Open { get; set; } = open;

    /// <summary>Enforce signals: unattached ones of the look-back (a superset; filtered per signal) and the open alert's.</summary>
    public List<SignalRow> Signals { get; } = [.. signals];

    /// <summary>A signal's message, parsed once (<see cref="ParsedSignals"/>).</summary>
    public RiskSignalDetected Message(SignalRow row) =>
        parsed.Get(row.SignalId, row.Payload ?? throw new InvalidOperationException($"signal {row.SignalId} was read without its payload but belongs in a message"));

    /// <summary>Adds a signal of this batch (its message known, so it is not parsed back).</summary>
    public void Add(SignalRow row, RiskSignalDetected message)
    {
        Signals.Add(row);
        parsed.Add(message, row.Payload!);
    }

    /// <summary>Attaches the signals to the alert in the held state.</summary>
    public void Attach(IReadOnlySet<string> signalIds, Guid alertId)
    {
        for (var i = 0; i < Signals.Count; i++)
        {
            if (signalIds.Contains(Signals[i].SignalId))
            {
                Signals[i] = Signals[i] with { AlertId = alertId };
            }
        }
    }
}
