using Dapper;
using Npgsql;

namespace Governance.Alerting.Storage;

/// <summary>
/// The SQL of signal processing, inside the caller's transaction, in few round trips: each method is
/// one multi-statement command (Npgsql sends the statements together). A signal costs three round
/// trips plus the commit when it changes an alert, two plus the commit otherwise.
/// </summary>
internal sealed class AlertStore(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    internal const string AlertColumns = """
        alert_id AS AlertId, creator_id AS CreatorId, status AS Status, revision AS Revision, priority AS Priority, message_priority AS MessagePriority,
        severity AS Severity, score AS Score, first_signal_at AS FirstSignalAt, last_window_end AS LastWindowEnd, opened_at AS OpenedAt
        """;

    /// <summary>
    /// Records the signal in the inbox and locks its creator's row (creating it), so a creator's signals
    /// are processed one at a time across instances too. Null when the inbox already held the signal.
    /// </summary>
    public async Task<CreatorRow?> ReceiveAsync(string signalId, string creatorId, CancellationToken cancellationToken)
    {
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            """
            INSERT INTO inbox (signal_id) VALUES (@signalId) ON CONFLICT DO NOTHING RETURNING 1;
            INSERT INTO creators (creator_id) VALUES (@creatorId) ON CONFLICT DO NOTHING RETURNING 1;
            SELECT score AS Score, score_at AS ScoreAt, shadow_score AS ShadowScore, shadow_score_at AS ShadowScoreAt FROM creators WHERE creator_id = @creatorId FOR UPDATE;
            """,
            new { signalId, creatorId }, transaction, cancellationToken: cancellationToken));
        var isNew = (await grid.ReadAsync<int>()).Any();
        _ = await grid.ReadAsync<int>();
        var creator = await grid.ReadSingleAsync<CreatorRow>();
        return isNew ? creator : null;
    }

    /// <summary>Stores a shadow signal and its creator's shadow score.</summary>
    public Task StoreShadowAsync(Contracts.RiskSignalDetected s, string payload, double score, DateTime at, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            InsertSignal + "UPDATE creators SET shadow_score = @score, shadow_score_at = @at WHERE creator_id = @CreatorId;",
            SignalParameters(s, payload, score, at), transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Stores an enforce signal and its creator's score, and reads the open alert with the signals the
    /// decision needs: those attached to the open alert and the unattached ones within the look-back.
    /// </summary>
    public async Task<CreatorView> StoreAndViewAsync(Contracts.RiskSignalDetected s, string payload, double score, DateTime at, DateTime lookbackFrom, CancellationToken cancellationToken)
    {
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            InsertSignal.Replace(";", " RETURNING 1;", StringComparison.Ordinal) + $"""
            UPDATE creators SET score = @score, score_at = @at WHERE creator_id = @CreatorId RETURNING 1;
            SELECT {AlertColumns} FROM alerts WHERE creator_id = @CreatorId AND status = 'open';
            SELECT signal_id AS SignalId, rule_id AS RuleId, severity AS Severity, alert_id AS AlertId, window_end AS WindowEnd, payload::text AS Payload
            FROM signals
            WHERE creator_id = @CreatorId AND mode = 'enforce'
              AND ((alert_id IS NULL AND window_end > @lookbackFrom) OR alert_id = (SELECT alert_id FROM alerts WHERE creator_id = @CreatorId AND status = 'open'));
            """,
            WithLookback(SignalParameters(s, payload, score, at), lookbackFrom), transaction, cancellationToken: cancellationToken));
        _ = await grid.ReadAsync<int>();
        _ = await grid.ReadAsync<int>();
        var open = await grid.ReadSingleOrDefaultAsync<AlertRow>();
        var signals = (await grid.ReadAsync<SignalRow>()).ToList();
        return new CreatorView(open, signals);
    }

    /// <summary>
    /// Writes the alert's new revision in one round trip: expires the stale alert (if any), inserts or
    /// updates the alert, attaches the signals, appends the history row and the outbox message.
    /// </summary>
    public Task WriteRevisionAsync(Guid? expire, AlertRow alert, bool opened, string[] attach, string signalId, string change, Guid messageId, string payload, DateTime now, CancellationToken cancellationToken)
    {
        var sql = (expire is null ? "" : "UPDATE alerts SET status = 'expired', closed_at = @now, updated_at = @now WHERE alert_id = @expire;\n")
            + (opened
                ? """
                  INSERT INTO alerts (alert_id, creator_id, status, revision, priority, message_priority, severity, score, first_signal_at, last_window_end, opened_at, updated_at)
                  VALUES (@AlertId, @CreatorId, 'open', @Revision, @Priority, @MessagePriority, @Severity, @Score, @FirstSignalAt, @LastWindowEnd, @now, @now);
                  """
                : """
                  UPDATE alerts SET revision = @Revision, priority = @Priority, message_priority = @MessagePriority, severity = @Severity, score = @Score,
                      first_signal_at = @FirstSignalAt, last_window_end = @LastWindowEnd, updated_at = @now
                  WHERE alert_id = @AlertId;
                  """)
            + """
              UPDATE signals SET alert_id = @AlertId WHERE signal_id = ANY(@attach);
              INSERT INTO alert_history (alert_id, revision, score, priority, signal_id, change) VALUES (@AlertId, @Revision, @Score, @Priority, @signalId, @change);
              INSERT INTO outbox (message_id, alert_id, revision, creator_id, message_priority, payload)
              VALUES (@messageId, @AlertId, @Revision, @CreatorId, @MessagePriority, @payload::jsonb);
              """;
        return connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            expire, alert.AlertId, alert.CreatorId, alert.Revision, alert.Priority, alert.MessagePriority, alert.Severity, alert.Score,
            alert.FirstSignalAt, alert.LastWindowEnd, now, attach, signalId, change, messageId, payload,
        }, transaction, cancellationToken: cancellationToken));
    }

    private const string InsertSignal = """
        INSERT INTO signals (signal_id, creator_id, rule_id, rule_version, severity, mode, value, window_end, detected_at, payload)
        VALUES (@SignalId, @CreatorId, @RuleId, @RuleVersion, @Severity, @Mode, @Value, @WindowEnd, @DetectedAt, @payload::jsonb);

        """;

    private static DynamicParameters WithLookback(object parameters, DateTime lookbackFrom)
    {
        var all = new DynamicParameters(parameters);
        all.Add("lookbackFrom", lookbackFrom);
        return all;
    }

    private static object SignalParameters(Contracts.RiskSignalDetected s, string payload, double score, DateTime at) => new
    {
        s.SignalId, s.CreatorId, s.RuleId, s.RuleVersion, Severity = s.Severity.ToLowerInvariant(), s.Mode, s.Value,
        WindowEnd = s.WindowEnd.UtcDateTime, DetectedAt = s.DetectedAt.UtcDateTime, payload, score, at,
    };
}
