using Governance.Contracts;

namespace Governance.Alerting.Storage;

/// <summary>
/// The writes of one batch, gathered in memory while its signals are applied in order, and written by
/// <see cref="BatchStore.WriteAsync"/> in one round trip. Rows keep their final state: an alert opened
/// and revised in the same batch is inserted once at its last revision, with a history row per revision
/// and one outbox row, of the last (see <see cref="Sent"/>); a signal attached later in the batch is
/// inserted with its alert.
/// </summary>
internal sealed class BatchChanges
{
    private readonly Dictionary<string, NewSignal> _signals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _attached = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, AlertChange> _alerts = [];
    private readonly Dictionary<string, CreatorRow> _creators = new(StringComparer.Ordinal);

    /// <summary>A signal to insert (its alert may be set later in the batch).</summary>
    public sealed record NewSignal(RiskSignalDetected Signal, string Severity, string Payload)
    {
        public Guid? AlertId { get; set; }
    }

    /// <summary>An alert's final state in this batch; <see cref="Stored"/>: the row exists already (update, not insert).</summary>
    public sealed record AlertChange(AlertRow Alert, bool Stored, DateTime? ClosedAt);

    /// <summary>
    /// One revision: its history row and its CreatorFlagged (its signals oldest window first), sent in the
    /// trace context of the signal that caused it.
    /// </summary>
    public sealed record Revision(Guid AlertId, int Number, double Score, string Priority, string SignalId, string Change, Guid MessageId, string CreatorId, short MessagePriority, CreatorFlagged Message, string? TraceParent = null);

    public IEnumerable<NewSignal> Signals => _signals.Values;

    public IReadOnlyDictionary<string, Guid> Attached => _attached;

    public IEnumerable<AlertChange> Alerts => _alerts.Values;

    public IEnumerable<CreatorRow> Creators => _creators.Values;

    public List<Revision> Revisions { get; } = [];

    /// <summary>
    /// The revisions that go to the outbox: each alert's last of the batch. An earlier revision of the same
    /// batch is superseded before anyone could read it (the last carries its signals and more), so it is
    /// kept in the history and never sent: moderators get an alert's state, not each step to it.
    /// </summary>
    public IEnumerable<Revision> Sent
    {
        get
        {
            var last = new Dictionary<Guid, int>();
            for (var i = 0; i < Revisions.Count; i++)
            {
                last[Revisions[i].AlertId] = i;
            }

            return Revisions.Where((r, i) => last[r.AlertId] == i);
        }
    }

    public void AddSignal(RiskSignalDetected signal, string severity, string payload) => _signals.Add(signal.SignalId, new NewSignal(signal, severity, payload));

    /// <summary>Attaches a signal to an alert, whether it is inserted by this batch or stored before.</summary>
    public void Attach(string signalId, Guid alertId)
    {
        if (_signals.TryGetValue(signalId, out var inserted))
        {
            inserted.AlertId = alertId;
        }
        else
        {
            _attached[signalId] = alertId;
        }
    }

    public void SetCreator(CreatorRow creator) => _creators[creator.CreatorId] = creator;

    /// <summary>Records an alert's new state; <paramref name="stored"/> says whether its row existed before the batch.</summary>
    public void SetAlert(AlertRow alert, bool stored, DateTime? closedAt = null)
    {
        var wasStored = _alerts.TryGetValue(alert.AlertId, out var known) ? known.Stored : stored;
        _alerts[alert.AlertId] = new AlertChange(alert, wasStored, closedAt);
    }
}
