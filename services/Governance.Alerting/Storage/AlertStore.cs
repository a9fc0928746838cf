using Dapper;
using Npgsql;

namespace Governance.Alerting.Storage;

/// <summary>The SQL of signal processing; every call runs inside the caller's transaction.</summary>
internal sealed class AlertStore(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    /// <summary>False when the signal was seen before (the inbox already holds it).</summary>
    public async Task<bool> RecordInboxAsync(string signalId, CancellationToken cancellationToken) =>
        await Execute("INSERT INTO inbox (signal_id) VALUES (@signalId) ON CONFLICT DO NOTHING", new { signalId }, cancellationToken) == 1;

    /// <summary>Locks the creator's row (creating it): a creator's signals are processed one at a time, across instances too.</summary>
    public async Task<CreatorRow> LockCreatorAsync(string creatorId, CancellationToken cancellationToken)
    {
        await Execute("INSERT INTO creators (creator_id) VALUES (@creatorId) ON CONFLICT DO NOTHING", new { creatorId }, cancellationToken);
        return await connection.QuerySingleAsync<CreatorRow>(new CommandDefinition(
            "SELECT score AS Score, score_at AS ScoreAt, shadow_score AS ShadowScore, shadow_score_at AS ShadowScoreAt FROM creators WHERE creator_id = @creatorId FOR UPDATE",
            new { creatorId }, transaction, cancellationToken: cancellationToken));
    }

    public Task SaveScoreAsync(string creatorId, bool shadow, double score, DateTime at, CancellationToken cancellationToken) =>
        Execute(shadow
            ? "UPDATE creators SET shadow_score = @score, shadow_score_at = @at WHERE creator_id = @creatorId"
            : "UPDATE creators SET score = @score, score_at = @at WHERE creator_id = @creatorId",
            new { creatorId, score, at }, cancellationToken);

    public Task InsertSignalAsync(Contracts.RiskSignalDetected s, string payload, CancellationToken cancellationToken) =>
        Execute("""
            INSERT INTO signals (signal_id, creator_id, rule_id, rule_version, severity, mode, value, window_end, detected_at, payload)
            VALUES (@SignalId, @CreatorId, @RuleId, @RuleVersion, @Severity, @Mode, @Value, @WindowEnd, @DetectedAt, @payload::jsonb)
            """,
            new { s.SignalId, s.CreatorId, s.RuleId, s.RuleVersion, Severity = s.Severity.ToLowerInvariant(), s.Mode, s.Value, WindowEnd = s.WindowEnd.UtcDateTime, DetectedAt = s.DetectedAt.UtcDateTime, payload },
            cancellationToken);

    public Task<AlertRow?> OpenAlertAsync(string creatorId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<AlertRow?>(new CommandDefinition(
            $"{AlertColumns} FROM alerts WHERE creator_id = @creatorId AND status = 'open'", new { creatorId }, transaction, cancellationToken: cancellationToken));

    public Task ExpireAsync(Guid alertId, DateTime now, CancellationToken cancellationToken) =>
        Execute("UPDATE alerts SET status = 'expired', closed_at = @now, updated_at = @now WHERE alert_id = @alertId", new { alertId, now }, cancellationToken);

    public async Task<IReadOnlyList<RecentSignalRow>> RecentEnforceSignalsAsync(string creatorId, DateTime from, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<RecentSignalRow>(new CommandDefinition(
            "SELECT signal_id AS SignalId, rule_id AS RuleId, severity AS Severity, alert_id AS AlertId FROM signals WHERE creator_id = @creatorId AND mode = 'enforce' AND window_end > @from",
            new { creatorId, from }, transaction, cancellationToken: cancellationToken))];

    public async Task<IReadOnlyList<RecentSignalRow>> AlertSignalsAsync(Guid alertId, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<RecentSignalRow>(new CommandDefinition(
            "SELECT signal_id AS SignalId, rule_id AS RuleId, severity AS Severity, alert_id AS AlertId FROM signals WHERE alert_id = @alertId",
            new { alertId }, transaction, cancellationToken: cancellationToken))];

    public Task AttachAsync(Guid alertId, string[] signalIds, CancellationToken cancellationToken) =>
        Execute("UPDATE signals SET alert_id = @alertId WHERE signal_id = ANY(@signalIds)", new { alertId, signalIds }, cancellationToken);

    /// <summary>The payloads of the alert's signals, oldest window first (at most 100: the newest are kept).</summary>
    public async Task<IReadOnlyList<string>> SignalPayloadsAsync(Guid alertId, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT payload::text FROM (SELECT payload, window_end, signal_id FROM signals WHERE alert_id = @alertId ORDER BY window_end DESC, signal_id DESC LIMIT 100) s ORDER BY window_end, signal_id",
            new { alertId }, transaction, cancellationToken: cancellationToken)))];

    public Task InsertAlertAsync(AlertRow a, DateTime now, CancellationToken cancellationToken) =>
        Execute("""
            INSERT INTO alerts (alert_id, creator_id, status, revision, priority, message_priority, severity, score, first_signal_at, last_window_end, opened_at, updated_at)
            VALUES (@AlertId, @CreatorId, 'open', @Revision, @Priority, @MessagePriority, @Severity, @Score, @FirstSignalAt, @LastWindowEnd, @now, @now)
            """,
            new { a.AlertId, a.CreatorId, a.Revision, a.Priority, a.MessagePriority, a.Severity, a.Score, a.FirstSignalAt, a.LastWindowEnd, now }, cancellationToken);

    public Task UpdateAlertAsync(AlertRow a, DateTime now, CancellationToken cancellationToken) =>
        Execute("""
            UPDATE alerts SET revision = @Revision, priority = @Priority, message_priority = @MessagePriority, severity = @Severity, score = @Score,
                first_signal_at = @FirstSignalAt, last_window_end = @LastWindowEnd, updated_at = @now
            WHERE alert_id = @AlertId
            """,
            new { a.AlertId, a.Revision, a.Priority, a.MessagePriority, a.Severity, a.Score, a.FirstSignalAt, a.LastWindowEnd, now }, cancellationToken);

    public Task InsertHistoryAsync(AlertRow a, string? signalId, string change, CancellationToken cancellationToken) =>
        Execute("INSERT INTO alert_history (alert_id, revision, score, priority, signal_id, change) VALUES (@AlertId, @Revision, @Score, @Priority, @signalId, @change)",
            new { a.AlertId, a.Revision, a.Score, a.Priority, signalId, change }, cancellationToken);

    public Task InsertOutboxAsync(Guid messageId, AlertRow a, string payload, CancellationToken cancellationToken) =>
        Execute("""
            INSERT INTO outbox (message_id, alert_id, revision, creator_id, message_priority, payload)
            VALUES (@messageId, @AlertId, @Revision, @CreatorId, @MessagePriority, @payload::jsonb)
            """,
            new { messageId, a.AlertId, a.Revision, a.CreatorId, a.MessagePriority, payload }, cancellationToken);

    internal const string AlertColumns = """
        SELECT alert_id AS AlertId, creator_id AS CreatorId, status AS Status, revision AS Revision, priority AS Priority, message_priority AS MessagePriority,
            severity AS Severity, score AS Score, first_signal_at AS FirstSignalAt, last_window_end AS LastWindowEnd, opened_at AS OpenedAt
        """;

    private Task<int> Execute(string sql, object parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
}
