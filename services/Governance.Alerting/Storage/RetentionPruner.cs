using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Governance.Alerting.Storage;

/// <summary>
/// Deletes what <see cref="RetentionOptions"/> no longer keeps, at start and every <c>Interval</c>: sent outbox
/// rows, the signals and history of long-closed alerts, signals that never joined an alert, and inbox rows
/// whose signal is gone. Each DELETE takes at most <c>BatchSize</c> rows in its own transaction and skips
/// rows another transaction holds (<c>SKIP LOCKED</c>), so a prune never makes the consumer or the outbox
/// dispatcher wait, holds few locks for a short time, and several instances share the work. The audit (<c>decisions</c>) and the rows of
/// <c>alerts</c> and <c>creators</c> are never deleted. Times are the service's clock (<see cref="TimeProvider"/>)
/// against the rows' PostgreSQL timestamps.
/// </summary>
internal sealed class RetentionPruner(NpgsqlDataSource dataSource, IOptions<AlertingOptions> options, AlertingTelemetry telemetry, TimeProvider time, ILogger<RetentionPruner> logger) : BackgroundService
{
    // Each statement picks at most @limit rows (oldest first where an index gives that order) and locks them;
    // rows locked elsewhere are left for the next round.
    private const string SentOutbox = """
        DELETE FROM outbox WHERE outbox_id IN (
            SELECT outbox_id FROM outbox WHERE sent_at < @cutoff ORDER BY sent_at LIMIT @limit FOR UPDATE SKIP LOCKED)
        """;

    // A closed alert never changes again: its signals and history can go in any order, once no outbox row of
    // it is still to send (the dispatcher reads a revision's signals from this table).
    private const string ClosedAlertSignals = """
        DELETE FROM signals WHERE signal_id IN (
            SELECT s.signal_id FROM alerts a JOIN signals s ON s.alert_id = a.alert_id
            WHERE a.status <> 'open' AND a.details_pruned_at IS NULL AND a.closed_at < @cutoff
              AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.alert_id = a.alert_id AND o.sent_at IS NULL)
            LIMIT @limit FOR UPDATE OF s SKIP LOCKED)
        """;

    // Not locked first: FOR UPDATE needs UPDATE, which the service role has not on history (insert-only for it).
    // Nothing but another instance's pruner touches a closed alert's history; it waits for this DELETE, then
    // finds the rows gone.
    private const string ClosedAlertHistory = """
        DELETE FROM alert_history WHERE (alert_id, revision) IN (
            SELECT h.alert_id, h.revision FROM alerts a JOIN alert_history h ON h.alert_id = a.alert_id
            WHERE a.status <> 'open' AND a.details_pruned_at IS NULL AND a.closed_at < @cutoff
            LIMIT @limit)
        """;

    // Marked once nothing of theirs is left: they leave the index the two statements above walk.
    private const string MarkClosedAlertsPruned = """
        UPDATE alerts SET details_pruned_at = @now WHERE alert_id IN (
            SELECT a.alert_id FROM alerts a
            WHERE a.status <> 'open' AND a.details_pruned_at IS NULL AND a.closed_at < @cutoff
              AND NOT EXISTS (SELECT 1 FROM signals s WHERE s.alert_id = a.alert_id)
              AND NOT EXISTS (SELECT 1 FROM alert_history h WHERE h.alert_id = a.alert_id)
            LIMIT @limit FOR UPDATE SKIP LOCKED)
        """;

    private const string UnattachedSignals = """
        DELETE FROM signals WHERE signal_id IN (
            SELECT signal_id FROM signals WHERE alert_id IS NULL AND received_at < @cutoff ORDER BY received_at LIMIT @limit FOR UPDATE SKIP LOCKED)
        """;

    // An inbox row outlives its signal's row: while the signal is stored, a redelivery must find the inbox
    // row (else the signal's insert would conflict and the redelivery end in the error queue).
    private const string Inbox = """
        DELETE FROM inbox WHERE signal_id IN (
            SELECT i.signal_id FROM inbox i
            WHERE i.received_at < @cutoff AND NOT EXISTS (SELECT 1 FROM signals s WHERE s.signal_id = i.signal_id)
            ORDER BY i.received_at LIMIT @limit FOR UPDATE SKIP LOCKED)
        """;

    public override Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.Retention.Enabled ? base.StartAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>One round: everything due now, batch after batch.</summary>
    public async Task<PrunedRows> PruneAsync(CancellationToken cancellationToken)
    {
        var retention = options.Value.Retention;
        var now = time.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // table: where the rows were deleted (counted); null for the marking of closed alerts.
        async Task<long> RunAsync(string sql, TimeSpan keep, string? table)
        {
            long total = 0;
            int rows;
            do
            {
                rows = await connection.ExecuteAsync(new CommandDefinition(sql, new { cutoff = now - keep, now, limit = retention.BatchSize }, cancellationToken: cancellationToken));
                total += rows;
            }
            while (rows == retention.BatchSize);

            if (total > 0 && table is not null)
            {
                telemetry.Pruned.Add(total, new KeyValuePair<string, object?>("table", table));
            }

            return total;
        }

        var outbox = await RunAsync(SentOutbox, retention.SentOutbox, "outbox");
        var closedSignals = await RunAsync(ClosedAlertSignals, retention.ClosedAlerts, "signals");
        var history = await RunAsync(ClosedAlertHistory, retention.ClosedAlerts, "alert_history");
        var alerts = await RunAsync(MarkClosedAlertsPruned, retention.ClosedAlerts, null);
        var unattached = await RunAsync(UnattachedSignals, retention.UnattachedSignals, "signals");
        var inbox = await RunAsync(Inbox, retention.Inbox, "inbox");
        return new PrunedRows(outbox, closedSignals + unattached, history, alerts, inbox);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Retention.Interval, time);
        try
        {
            do
            {
                try
                {
                    var pruned = await PruneAsync(stoppingToken);
                    if (pruned.Any)
                    {
                        AlertingLog.Pruned(logger, pruned.Outbox, pruned.Signals, pruned.History, pruned.Alerts, pruned.Inbox);
                    }
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
                {
                    // The next round deletes what this one left.
                    AlertingLog.PruneFailed(logger, ex, options.Value.Retention.Interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}

/// <summary>What one pruning round deleted.</summary>
/// <param name="Alerts">Closed alerts whose signals and history are now all gone (marked, not deleted).</param>
internal sealed record PrunedRows(long Outbox, long Signals, long History, long Alerts, long Inbox)
{
    public bool Any => Outbox + Signals + History + Alerts + Inbox > 0;
}
