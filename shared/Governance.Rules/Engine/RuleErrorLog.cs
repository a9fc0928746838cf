using Microsoft.Extensions.Logging;

namespace Governance.Rules.Engine;

/// <summary>
/// Logs rules that throw, with the exception, at most once per rule per <see cref="Interval"/>: a rule
/// broken for every event would otherwise write a stack trace per event. Errors in between are counted
/// into the next report (and every one is in <see cref="EngineCounters.Errors"/> and its metric).
/// </summary>
internal sealed partial class RuleErrorLog(ILogger logger, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, (DateTimeOffset LastReported, int Unreported)> _rules = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Takes the errors <paramref name="counters"/> has not handed over yet; logs the rules whose last report is an interval old or more.</summary>
    public void Report(EngineCounters counters)
    {
        if (counters.Unlogged.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        lock (_lock)
        {
            foreach (var (ruleId, (exception, failures)) in counters.Unlogged)
            {
                if (_rules.TryGetValue(ruleId, out var rule) && now - rule.LastReported < Interval)
                {
                    _rules[ruleId] = rule with { Unreported = rule.Unreported + failures };
                    continue;
                }

                _rules[ruleId] = (now, 0);
                RuleFailed(logger, exception, ruleId, failures + rule.Unreported, Interval.TotalSeconds);
            }
        }

        counters.Unlogged.Clear();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Rule {RuleId} threw on {Failures} evaluations since its last report, each counted as not matching; reported at most once every {IntervalSeconds} s")]
    private static partial void RuleFailed(ILogger logger, Exception exception, string ruleId, int failures, double intervalSeconds);
}
