using System.Text.Json;
using Dapper;
using Governance.Contracts;
using Governance.Alerting.Scoring;
using Npgsql;

namespace Governance.Alerting.Storage;

/// <summary>
/// The SQL of a batch of signals, inside the caller's transaction: one round trip reads (and locks),
/// one writes, then the commit; a third reads the payloads of signals a message will carry that
/// <see cref="ParsedSignals"/> does not hold (after a start, or once evicted). Rows go in as arrays (<c>unnest</c>), so the statement count does not
/// grow with the batch. Creators are inserted and locked in id order, so two transactions (two
/// instances, or a decision) never wait on each other in a cycle. A batch's creators' signals are read
/// per creator (<c>LATERAL</c>) so PostgreSQL walks their index whatever its statistics say: joined as a
/// set, a table autovacuum had not analyzed yet (a new deployment's first minutes, tens of thousands of
/// signals) was scanned whole for every batch, 100–200 ms each at 20,000 signals.
/// </summary>
internal sealed class BatchStore(NpgsqlConnection connection, NpgsqlTransaction transaction, ParsedSignals held)
{
    /// <summary>
    /// How many signals a CreatorFlagged carries (the newest of its alert). Only these can ever be part of a
    /// message: per creator, of the open alert's signals and of the unattached ones, only the newest this
    /// many are read with their payload (adding signals only pushes older ones out of that set).
    /// </summary>
    public const int MessageSignals = 100;

    internal const string AlertColumns = """
        alert_id AS AlertId, creator_id AS CreatorId, status AS Status, revision AS Revision, priority AS Priority, message_priority AS MessagePriority,
        severity AS Severity, score AS Score, first_signal_at AS FirstSignalAt, last_window_end AS LastWindowEnd, opened_at AS OpenedAt
        """;

    /// <summary>
    /// Records the batch's signal ids in the inbox (returning those it did not hold), creates and locks
    /// its creators, and reads their scores, open alerts and the signals a decision may need: those
    /// attached to the open alert and the unattached ones after <paramref name="lookbackFrom"/> (per creator).
    /// </summary>
    public async Task<BatchView> ReadAsync(string[] signalIds, string[] creatorIds, DateTime[] lookbackFrom, CancellationToken cancellationToken)
    {
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            $"""
            INSERT INTO inbox (signal_id) SELECT id FROM unnest(@signalIds::text[]) AS t(id) ORDER BY id ON CONFLICT DO NOTHING RETURNING signal_id;
            INSERT INTO creators (creator_id) SELECT id FROM unnest(@creatorIds::text[]) AS t(id) ORDER BY id ON CONFLICT DO NOTHING RETURNING 1;
            SELECT creator_id AS CreatorId, score AS Score, score_at AS ScoreAt, shadow_score AS ShadowScore, shadow_score_at AS ShadowScoreAt, alerts_opened AS AlertsOpened
            FROM creators WHERE creator_id = ANY(@creatorIds) ORDER BY creator_id FOR UPDATE;
            SELECT {AlertColumns} FROM alerts WHERE creator_id = ANY(@creatorIds) AND status = 'open';
            SELECT s.signal_id AS SignalId, s.creator_id AS CreatorId, s.rule_id AS RuleId, s.severity AS Severity, s.alert_id AS AlertId,
                   s.window_end AS WindowEnd, s.newest <= {MessageSignals} AS Carried
            FROM unnest(@creatorIds::text[], @lookbackFrom::timestamptz[]) AS c(creator_id, lookback_from)
            CROSS JOIN LATERAL (
                SELECT s.*, row_number() OVER (PARTITION BY s.alert_id ORDER BY s.window_end DESC, s.signal_id COLLATE "C" DESC) AS newest
                FROM signals s
                WHERE s.creator_id = c.creator_id AND s.mode = 'enforce'
                  AND ((s.alert_id IS NULL AND s.window_end > c.lookback_from)
                    OR s.alert_id = (SELECT a.alert_id FROM alerts a WHERE a.creator_id = c.creator_id AND a.status = 'open'))) s;
            """,
            new { signalIds, creatorIds, lookbackFrom }, transaction, cancellationToken: cancellationToken));
        var fresh = (await grid.ReadAsync<string>()).ToHashSet(StringComparer.Ordinal);
        _ = await grid.ReadAsync<int>();
        var creators = (await grid.ReadAsync<CreatorRow>()).ToList();
        var open = (await grid.ReadAsync<AlertRow>()).ToList();
        var signals = (await grid.ReadAsync<HeldSignalRow>()).ToList();
        return new BatchView(fresh, creators, open, await WithPayloadsAsync(signals, cancellationToken));
    }

    /// <summary>The signals, those that may travel in a message with their payload: from <see cref="ParsedSignals"/>, or read (one more round trip) when not held there.</summary>
    private async Task<List<SignalRow>> WithPayloadsAsync(List<HeldSignalRow> signals, CancellationToken cancellationToken)
    {
        // Each payload is taken from the cache once: a second look could find it evicted meanwhile.
        var payloads = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var s in signals.Where(s => s.Carried))
        {
            if (held.Payload(s.SignalId) is { } payload)
            {
                payloads[s.SignalId] = payload;
            }
            else
            {
                missing.Add(s.SignalId);
            }
        }

        foreach (var (id, payload) in await StoredSignals.PayloadsAsync(connection, transaction, missing, cancellationToken))
        {
            payloads[id] = payload;
        }

        return signals.ConvertAll(s => new SignalRow(s.SignalId, s.CreatorId, s.RuleId, s.Severity, s.AlertId, s.WindowEnd,
            s.Carried ? payloads.GetValueOrDefault(s.SignalId) ?? throw new InvalidOperationException($"signal {s.SignalId} has no stored payload") : null));
    }

    /// <summary>
    /// Writes the batch in one round trip: alerts updated (revised, expired) then inserted, the new
    /// signals, earlier signals attached to alerts, the creators' scores, history and outbox rows.
    /// </summary>
    public Task WriteAsync(BatchChanges changes, DateTime now, CancellationToken cancellationToken)
    {
        var updated = changes.Alerts.Where(a => a.Stored).ToList();
        var inserted = changes.Alerts.Where(a => !a.Stored).ToList();
        var signals = changes.Signals.ToList();
        var creators = changes.Creators.ToList();
        var revisions = changes.Revisions;
        var sent = changes.Sent.ToList();
        var p = new DynamicParameters();
        p.Add("now", now);
        AddAlerts(p, "u", updated);
        AddAlerts(p, "i", inserted);
        p.Add("sId", signals.Select(s => s.Signal.SignalId).ToArray());
        p.Add("sCreator", signals.Select(s => s.Signal.CreatorId).ToArray());
        p.Add("sRule", signals.Select(s => s.Signal.RuleId).ToArray());
        p.Add("sVersion", signals.Select(s => s.Signal.RuleVersion).ToArray());
        p.Add("sSeverity", signals.Select(s => s.Severity).ToArray());
        p.Add("sMode", signals.Select(s => s.Signal.Mode).ToArray());
        p.Add("sValue", signals.Select(s => s.Signal.Value).ToArray());
        p.Add("sWindowEnd", signals.Select(s => s.Signal.WindowEnd.UtcDateTime).ToArray());
        p.Add("sDetectedAt", signals.Select(s => s.Signal.DetectedAt.UtcDateTime).ToArray());
        p.Add("sAlert", signals.Select(s => s.AlertId).ToArray());
        p.Add("sPayload", signals.Select(s => s.Payload).ToArray());
        p.Add("aSignal", changes.Attached.Keys.ToArray());
        p.Add("aAlert", changes.Attached.Values.ToArray());
        p.Add("cId", creators.Select(c => c.CreatorId).ToArray());
        p.Add("cScore", creators.Select(c => c.Score).ToArray());
        p.Add("cScoreAt", creators.Select(c => c.ScoreAt).ToArray());
        p.Add("cShadow", creators.Select(c => c.ShadowScore).ToArray());
        p.Add("cShadowAt", creators.Select(c => c.ShadowScoreAt).ToArray());
        p.Add("cAlerts", creators.Select(c => c.AlertsOpened).ToArray());
        p.Add("rAlert", revisions.Select(r => r.AlertId).ToArray());
        p.Add("rRevision", revisions.Select(r => r.Number).ToArray());
        p.Add("rScore", revisions.Select(r => r.Score).ToArray());
        p.Add("rPriority", revisions.Select(r => r.Priority).ToArray());
        p.Add("rSignal", revisions.Select(r => r.SignalId).ToArray());
        p.Add("rChange", revisions.Select(r => r.Change).ToArray());
        p.Add("oMessage", sent.Select(r => r.MessageId).ToArray());
        p.Add("oAlert", sent.Select(r => r.AlertId).ToArray());
        p.Add("oRevision", sent.Select(r => r.Number).ToArray());
        p.Add("oCreator", sent.Select(r => r.CreatorId).ToArray());
        p.Add("oMessagePriority", sent.Select(r => r.MessagePriority).ToArray());
        p.Add("oPayload", sent.Select(r => JsonSerializer.Serialize(r.Message with { Signals = [] }, GovernanceJsonContext.Default.CreatorFlagged)).ToArray());
        p.Add("oSignals", sent.Select(r => JsonSerializer.Serialize(r.Message.Signals.Select(m => m.SignalId).ToArray(), AlertingJsonContext.Default.StringArray)).ToArray());
        p.Add("oTrace", sent.Select(r => r.TraceParent).ToArray());
        return connection.ExecuteAsync(new CommandDefinition(WriteSql, p, transaction, cancellationToken: cancellationToken));
    }

    private static void AddAlerts(DynamicParameters p, string prefix, List<BatchChanges.AlertChange> alerts)
    {
        p.Add(prefix + "Id", alerts.Select(a => a.Alert.AlertId).ToArray());
        p.Add(prefix + "Creator", alerts.Select(a => a.Alert.CreatorId).ToArray());
        p.Add(prefix + "Status", alerts.Select(a => a.Alert.Status).ToArray());
        p.Add(prefix + "Revision", alerts.Select(a => a.Alert.Revision).ToArray());
        p.Add(prefix + "Priority", alerts.Select(a => a.Alert.Priority).ToArray());
        p.Add(prefix + "MessagePriority", alerts.Select(a => a.Alert.MessagePriority).ToArray());
        p.Add(prefix + "Severity", alerts.Select(a => a.Alert.Severity).ToArray());
        p.Add(prefix + "Score", alerts.Select(a => a.Alert.Score).ToArray());
        p.Add(prefix + "First", alerts.Select(a => a.Alert.FirstSignalAt).ToArray());
        p.Add(prefix + "Last", alerts.Select(a => a.Alert.LastWindowEnd).ToArray());
        p.Add(prefix + "Opened", alerts.Select(a => a.Alert.OpenedAt).ToArray());
        p.Add(prefix + "Closed", alerts.Select(a => a.ClosedAt).ToArray());
    }

    // Order matters: an expired alert is updated before its successor is inserted (one open alert per
    // creator is a unique index), and alerts exist before the signals and history rows that reference them.
    private const string WriteSql = """
        UPDATE alerts a SET status = u.status, revision = u.revision, priority = u.priority, message_priority = u.message_priority,
            severity = u.severity, score = u.score, first_signal_at = u.first_signal_at, last_window_end = u.last_window_end,
            updated_at = @now, closed_at = COALESCE(u.closed_at, a.closed_at)
        FROM unnest(@uId::uuid[], @uStatus::text[], @uRevision::int[], @uPriority::text[], @uMessagePriority::smallint[], @uSeverity::text[],
                    @uScore::float8[], @uFirst::timestamptz[], @uLast::timestamptz[], @uClosed::timestamptz[])
            AS u(alert_id, status, revision, priority, message_priority, severity, score, first_signal_at, last_window_end, closed_at)
        WHERE a.alert_id = u.alert_id;
        INSERT INTO alerts (alert_id, creator_id, status, revision, priority, message_priority, severity, score, first_signal_at, last_window_end, opened_at, updated_at, closed_at)
        SELECT alert_id, creator_id, status, revision, priority, message_priority, severity, score, first_signal_at, last_window_end, opened_at, @now, closed_at
        FROM unnest(@iId::uuid[], @iCreator::text[], @iStatus::text[], @iRevision::int[], @iPriority::text[], @iMessagePriority::smallint[],
                    @iSeverity::text[], @iScore::float8[], @iFirst::timestamptz[], @iLast::timestamptz[], @iOpened::timestamptz[], @iClosed::timestamptz[])
            AS i(alert_id, creator_id, status, revision, priority, message_priority, severity, score, first_signal_at, last_window_end, opened_at, closed_at);
        INSERT INTO signals (signal_id, creator_id, rule_id, rule_version, severity, mode, value, window_end, detected_at, alert_id, payload)
        SELECT signal_id, creator_id, rule_id, rule_version, severity, mode, value, window_end, detected_at, alert_id, payload::jsonb
        FROM unnest(@sId::text[], @sCreator::text[], @sRule::text[], @sVersion::text[], @sSeverity::text[], @sMode::text[], @sValue::float8[],
                    @sWindowEnd::timestamptz[], @sDetectedAt::timestamptz[], @sAlert::uuid[], @sPayload::text[])
            AS s(signal_id, creator_id, rule_id, rule_version, severity, mode, value, window_end, detected_at, alert_id, payload);
        UPDATE signals s SET alert_id = a.alert_id
        FROM unnest(@aSignal::text[], @aAlert::uuid[]) AS a(signal_id, alert_id)
        WHERE s.signal_id = a.signal_id;
        UPDATE creators c SET score = u.score, score_at = u.score_at, shadow_score = u.shadow_score, shadow_score_at = u.shadow_score_at, alerts_opened = u.alerts_opened
        FROM unnest(@cId::text[], @cScore::float8[], @cScoreAt::timestamptz[], @cShadow::float8[], @cShadowAt::timestamptz[], @cAlerts::int[])
            AS u(creator_id, score, score_at, shadow_score, shadow_score_at, alerts_opened)
        WHERE c.creator_id = u.creator_id;
        INSERT INTO alert_history (alert_id, revision, score, priority, signal_id, change)
        SELECT * FROM unnest(@rAlert::uuid[], @rRevision::int[], @rScore::float8[], @rPriority::text[], @rSignal::text[], @rChange::text[]);
        INSERT INTO outbox (message_id, alert_id, revision, creator_id, message_priority, payload, signal_ids, trace_parent)
        SELECT message_id, alert_id, revision, creator_id, message_priority, payload, signal_ids::jsonb, trace_parent
        FROM unnest(@oMessage::uuid[], @oAlert::uuid[], @oRevision::int[], @oCreator::text[], @oMessagePriority::smallint[], @oPayload::text[], @oSignals::text[], @oTrace::text[])
            WITH ORDINALITY AS o(message_id, alert_id, revision, creator_id, message_priority, payload, signal_ids, trace_parent, n)
        ORDER BY n;
        """;
}
