using Dapper;
using Governance.Contracts;
using Npgsql;

namespace Governance.Alerting.Decisions;

/// <summary>
/// Records a moderator's decision in the append-only audit table and closes the alert (unless the
/// moderator asked for more information). The decision consumes the evidence before it: the
/// creator's enforce score restarts from zero, so the same signals do not reopen an alert at once.
/// </summary>
internal sealed class DecisionRecorder(NpgsqlDataSource dataSource)
{
    /// <summary>The decisions the contract knows; the CLI's short forms map onto the first two.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { "violation_confirmed", "no_violation", "needs_more_info" };

    /// <summary>False when the alert is unknown (the decision is still recorded).</summary>
    public async Task<bool> RecordAsync(ModerationDecision decision, string messageId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(decision.AlertId, out var alertId) || !Known.Contains(decision.Decision) || string.IsNullOrWhiteSpace(decision.ModeratorId))
        {
            throw new ArgumentException($"invalid decision: alertId must be a UUID, decision one of {string.Join(" | ", Known)}, moderatorId set");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO decisions (alert_id, decision, moderator_id, decided_at, note, message_id)
            VALUES (@alertId, @Decision, @ModeratorId, @decidedAt, @Note, @messageId) ON CONFLICT (message_id) DO NOTHING
            """,
            new { alertId, decision.Decision, decision.ModeratorId, decidedAt = decision.DecidedAt.UtcDateTime, decision.Note, messageId }, transaction, cancellationToken: cancellationToken));
        var creator = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT creator_id FROM alerts WHERE alert_id = @alertId", new { alertId }, transaction, cancellationToken: cancellationToken));
        if (inserted == 1 && creator is not null && decision.Decision != "needs_more_info")
        {
            // Same lock order as signal processing (creator first), so the two never deadlock.
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT 1 FROM creators WHERE creator_id = @creator FOR UPDATE", new { creator }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE alerts SET status = 'decided', decision = @Decision, closed_at = @decidedAt, updated_at = now() WHERE alert_id = @alertId AND status = 'open';
                UPDATE creators SET score = 0 WHERE creator_id = @creator;
                """,
                new { alertId, decision.Decision, decidedAt = decision.DecidedAt.UtcDateTime, creator }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return creator is not null;
    }
}
