namespace Governance.Cli.Alerts;

/// <summary>Per rule over a period: signals, alerts they joined, decided alerts, confirmed ones.</summary>
internal static class RuleStats
{
    /// <summary>
    /// A rule's precision is confirmed / decided over the alerts it contributed a signal to, each alert
    /// counted by its latest final decision (violation_confirmed or no_violation) in the period.
    /// </summary>
    public const string Sql = """
        WITH decided AS (
            SELECT DISTINCT ON (alert_id) alert_id, decision FROM decisions
            WHERE decision IN ('violation_confirmed', 'no_violation') AND decided_at >= @from
            ORDER BY alert_id, decided_at DESC),
        per_rule AS (
            SELECT rule_id, count(*) AS signals, count(DISTINCT alert_id) AS alerts FROM signals
            WHERE received_at >= @from GROUP BY rule_id),
        judged AS (
            SELECT s.rule_id,
                   count(DISTINCT s.alert_id) AS decided,
                   count(DISTINCT s.alert_id) FILTER (WHERE d.decision = 'violation_confirmed') AS confirmed
            FROM decided d JOIN signals s ON s.alert_id = d.alert_id GROUP BY s.rule_id)
        SELECT coalesce(p.rule_id, j.rule_id) AS RuleId, coalesce(p.signals, 0) AS Signals, coalesce(p.alerts, 0) AS Alerts,
               coalesce(j.decided, 0) AS Decided, coalesce(j.confirmed, 0) AS Confirmed
        FROM per_rule p FULL JOIN judged j ON j.rule_id = p.rule_id
        ORDER BY 1
        """;

    public sealed record Row(string RuleId, long Signals, long Alerts, long Decided, long Confirmed)
    {
        public double? Precision => Decided == 0 ? null : (double)Confirmed / Decided;
    }
}
