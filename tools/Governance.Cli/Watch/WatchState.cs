using System.Globalization;
using Governance.Contracts;

namespace Governance.Cli.Watch;

/// <summary>
/// The watcher's counts, written by the Kafka thread and the RabbitMQ consumers, read by the display:
/// every access under one lock (a few thousand updates a second at most).
/// </summary>
internal sealed class WatchState
{
    private const int LatestKept = 8;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _deadInput = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _deadLater = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _signals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Mode, long Count)> _signalsByRule = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AlertView> _alerts = new(StringComparer.Ordinal);
    private readonly HashSet<(string AlertId, int Revision)> _revisions = [];
    private readonly Dictionary<string, DateTimeOffset> _firstAlert = new(StringComparer.Ordinal);
    private readonly LinkedList<AlertView> _latest = new();
    private long _input;
    private long _normalized;
    private long _signalDeliveries;
    private long _revisionDeliveries;
    private Lags _lags = Lags.Unknown;
    private string? _problem;
    private bool _settling;

    public void Input(long count = 1)
    {
        lock (_gate)
        {
            _input += count;
        }
    }

    public void Normalized(long count = 1)
    {
        lock (_gate)
        {
            _normalized += count;
        }
    }

    /// <summary>A dead letter: of an input record (ingestion's) or of another topic (the signal worker's too_late).</summary>
    public void DeadLettered(string reason, bool ofInput)
    {
        lock (_gate)
        {
            var into = ofInput ? _deadInput : _deadLater;
            into[reason] = into.GetValueOrDefault(reason) + 1;
        }
    }

    public void Signal(RiskSignalDetected signal, DateTimeOffset receivedAt)
    {
        lock (_gate)
        {
            _signalDeliveries++;
            if (_signals.TryAdd(signal.SignalId, receivedAt))
            {
                var (_, count) = _signalsByRule.GetValueOrDefault(signal.RuleId);
                _signalsByRule[signal.RuleId] = (signal.Mode, count + 1);
            }
        }
    }

    public void Alert(CreatorFlagged alert, DateTimeOffset receivedAt)
    {
        lock (_gate)
        {
            _revisionDeliveries++;
            if (!_revisions.Add((alert.AlertId, alert.Revision)))
            {
                return;
            }

            var view = new AlertView(alert.AlertId, alert.Revision, alert.CreatorId, alert.PriorityName ?? alert.Priority.ToString(CultureInfo.InvariantCulture), alert.Priority, alert.Score, alert.Reasons, receivedAt);
            if (!_alerts.TryGetValue(alert.AlertId, out var known) || known.Revision < alert.Revision)
            {
                _alerts[alert.AlertId] = view;
            }

            _firstAlert.TryAdd(alert.CreatorId, receivedAt);
            _latest.AddFirst(view);
            if (_latest.Count > LatestKept)
            {
                _latest.RemoveLast();
            }
        }
    }

    public void SetLags(Lags lags)
    {
        lock (_gate)
        {
            _lags = lags;
        }
    }

    public Lags Lags
    {
        get
        {
            lock (_gate)
            {
                return _lags;
            }
        }
    }

    public long InputCount
    {
        get
        {
            lock (_gate)
            {
                return _input;
            }
        }
    }

    /// <summary>The watch is over and the pipeline draining before the summary.</summary>
    public void SetSettling(bool settling)
    {
        lock (_gate)
        {
            _settling = settling;
        }
    }

    public void SetProblem(string? problem)
    {
        lock (_gate)
        {
            _problem = problem;
        }
    }

    public WatchSnapshot Snapshot(TimeSpan elapsed, double inputRate)
    {
        lock (_gate)
        {
            return new WatchSnapshot
            {
                Elapsed = elapsed,
                Input = _input,
                InputRate = inputRate,
                Normalized = _normalized,
                DeadLettered = Sorted(_deadInput),
                DeadLetteredLater = Sorted(_deadLater),
                SignalsByRule = [.. _signalsByRule.OrderByDescending(r => r.Value.Count).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value.Mode, r.Value.Count))],
                AlertsByPriority = [.. _alerts.Values.GroupBy(a => (a.Priority, a.MessagePriority)).OrderByDescending(g => g.Key.MessagePriority).Select(g => (g.Key.Priority, (long)g.Count()))],
                Revisions = _revisions.Count,
                Latest = [.. _latest],
                Lags = _lags,
                Problem = _problem,
                Settling = _settling,
            };
        }
    }

    /// <summary>Counts, ids and first-alert times for the reconciliation and the scoring.</summary>
    public Tally Totals()
    {
        lock (_gate)
        {
            return new Tally(
                _input,
                _normalized,
                _deadInput.Values.Sum(),
                new Dictionary<string, DateTimeOffset>(_signals, StringComparer.Ordinal),
                _signalDeliveries,
                [.. _revisions],
                _revisionDeliveries,
                new Dictionary<string, DateTimeOffset>(_firstAlert, StringComparer.Ordinal),
                [.. _signalsByRule.Select(r => (r.Key, r.Value.Mode == "enforce"))]);
        }
    }

    private static List<(string, long)> Sorted(Dictionary<string, long> counts) =>
        [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value))];
}

/// <summary>What the watcher counted, for the end of the run.</summary>
/// <param name="Input">Input records.</param>
/// <param name="Normalized">Normalized events.</param>
/// <param name="DeadLettered">Dead letters of input records.</param>
/// <param name="Signals">Distinct signals received, and when.</param>
/// <param name="SignalDeliveries">Signal messages received, repeats included.</param>
/// <param name="Revisions">Distinct alert revisions received.</param>
/// <param name="RevisionDeliveries">Alert messages received, repeats included.</param>
/// <param name="FirstAlertAt">Each flagged creator's first alert, when the watcher received it.</param>
/// <param name="RulesSeen">Rules that signalled, and whether they were enforced.</param>
internal sealed record Tally(
    long Input,
    long Normalized,
    long DeadLettered,
    IReadOnlyDictionary<string, DateTimeOffset> Signals,
    long SignalDeliveries,
    IReadOnlyList<(string AlertId, int Revision)> Revisions,
    long RevisionDeliveries,
    IReadOnlyDictionary<string, DateTimeOffset> FirstAlertAt,
    IReadOnlyList<(string Id, bool Enforced)> RulesSeen);
