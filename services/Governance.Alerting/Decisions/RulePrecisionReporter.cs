using System.Diagnostics.Metrics;
using Dapper;
using Npgsql;

namespace Governance.Alerting.Decisions;

/// <summary>
/// Reads per-rule precision (confirmed / decided alerts the rule contributed to, last 30 days) from
/// PostgreSQL every minute and feeds the <c>governance.alerting.rule.precision</c> gauge.
/// </summary>
internal sealed class RulePrecisionReporter(NpgsqlDataSource dataSource, AlertingTelemetry telemetry, TimeProvider time, ILogger<RulePrecisionReporter> logger) : BackgroundService
{
    /// <summary>Decisions this recent count (Alerting:Retention:ClosedAlerts keeps their alerts' signals at least this long).</summary>
    internal static readonly TimeSpan Period = TimeSpan.FromDays(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private volatile Measurement<double>[] _latest = [];

    public const string Sql = """
        WITH decided AS (
            SELECT DISTINCT ON (alert_id) alert_id, decision FROM decisions
            WHERE decision IN ('violation_confirmed', 'no_violation') AND decided_at >= @from
            ORDER BY alert_id, decided_at DESC)
        SELECT s.rule_id AS RuleId,
               count(DISTINCT s.alert_id) FILTER (WHERE d.decision = 'violation_confirmed') AS Confirmed,
               count(DISTINCT s.alert_id) AS Decided
        FROM decided d JOIN signals s ON s.alert_id = d.alert_id
        GROUP BY s.rule_id
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        telemetry.ObservePrecision(() => _latest);
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            await RefreshAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task RefreshAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
            var rows = await connection.QueryAsync<(string RuleId, long Confirmed, long Decided)>(new CommandDefinition(
                Sql, new { from = (time.GetUtcNow() - Period).UtcDateTime }, cancellationToken: stoppingToken));
            _latest = [.. rows.Where(r => r.Decided > 0).Select(r => new Measurement<double>((double)r.Confirmed / r.Decided, new KeyValuePair<string, object?>("rule", r.RuleId)))];
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            AlertingLog.PrecisionFailed(logger, ex);
        }
    }
}
