using System.Globalization;
using Governance.Contracts;

namespace Governance.Chaos;

/// <summary>
/// A run's signals against the undisturbed run's, by identity (signalId, value, windowEnd): none
/// missing, none extra, the same evidence; a repeated delivery of an identical signal is allowed and
/// counted.
/// </summary>
/// <param name="Alerts">The alerts compared with the undisturbed run's; null for a run without the alerting service (the backtest).</param>
public sealed record RunComparison(RunResult Run, int Expected, int Got, int Missing, int Extra, int Repeats, int RepeatsDiffer, int EvidenceDiffers, int Unexplained, int ValidExpected, AlertComparison? Alerts, IReadOnlyList<string> Differences)
{
    /// <summary>
    /// Identity (signalId, value, windowEnd) as the suite requires, the same evidence as the undisturbed
    /// run (evidence is what stood at the triggering event, whatever the batching), and every repeated
    /// delivery the identical message.
    /// </summary>
    public bool SignalsMatch => Missing == 0 && Extra == 0 && RepeatsDiffer == 0 && EvidenceDiffers == 0;

    /// <summary>Every input accounted for, and judged valid or invalid as in the undisturbed run.</summary>
    public bool InputsMatch => Run.InputsAccounted == Run.InputsIn && Run.NotProduced == 0 && Run.Normalized == ValidExpected;

    public bool Passed => Run.Settled && Run.HandOffDeclared && SignalsMatch && InputsMatch && (Alerts?.Match ?? true) && Run.Problems is not { Count: > 0 };

    public static string Key(RiskSignalDetected s) =>
        $"{s.SignalId}|{s.Value.ToString("R", CultureInfo.InvariantCulture)}|{s.WindowEnd.UtcDateTime:O}";

    /// <param name="baselineRules">Rules whose differences <see cref="KnownBugs.BaselineDependsOnBatches"/> explains.</param>
    public static RunComparison Compare(RunResult baseline, RunResult run, IReadOnlySet<string> baselineRules)
    {
        var expected = Distinct(baseline.Signals);
        var got = Distinct(run.Signals);
        var missing = expected.Keys.Except(got.Keys).Order(StringComparer.Ordinal).ToList();
        var extra = got.Keys.Except(expected.Keys).Order(StringComparer.Ordinal).ToList();
        var evidence = expected.Keys.Intersect(got.Keys)
            .Where(k => !Evidence(expected[k]).SequenceEqual(Evidence(got[k]), StringComparer.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        // A repeat must be the identical message: same identity and same evidence as the first delivery.
        var repeatsDiffer = run.Signals.GroupBy(s => s.SignalId, StringComparer.Ordinal)
            .Where(g => g.Skip(1).Any(s => Key(s) != Key(g.First()) || !Evidence(s).SequenceEqual(Evidence(g.First()), StringComparer.Ordinal)))
            .Select(g => g.First()).ToList();
        var differences = missing.Select(k => "missing " + Describe(expected[k]))
            .Concat(extra.Select(k => "extra   " + Describe(got[k])))
            .Concat(repeatsDiffer.Select(s => "repeat differs from its first delivery " + Describe(s)))
            .Concat(evidence.Select(k => "evidence differs from the undisturbed run's " + Describe(got[k])))
            .Concat(run.Normalized == baseline.Normalized ? [] : [$"{run.Normalized} inputs valid, the undisturbed run had {baseline.Normalized}"])
            .ToList();
        var alerts = baseline.Alerts is { } expectedAlerts && run.Alerts is { } gotAlerts ? AlertComparison.Compare(expectedAlerts, gotAlerts) : null;
        differences.AddRange(alerts?.Differences ?? []);
        return new RunComparison(run, expected.Count, got.Count, missing.Count, extra.Count, run.Signals.Count - got.Count, repeatsDiffer.Count, evidence.Count,
            missing.Select(k => expected[k]).Concat(extra.Select(k => got[k])).Count(s => !baselineRules.Contains(s.RuleId)), baseline.Normalized, alerts, differences);
    }

    private static Dictionary<string, RiskSignalDetected> Distinct(IEnumerable<RiskSignalDetected> signals)
    {
        var distinct = new Dictionary<string, RiskSignalDetected>(StringComparer.Ordinal);
        foreach (var signal in signals)
        {
            distinct.TryAdd(Key(signal), signal);
        }

        return distinct;
    }

    private static IEnumerable<string> Evidence(RiskSignalDetected s) => s.Evidence.Select(e => e.EventId);

    private static string Describe(RiskSignalDetected s) =>
        $"{s.RuleId} {s.CreatorId}{(s.GroupKey is null ? "" : " [" + s.GroupKey + "]")} value {s.Value.ToString(CultureInfo.InvariantCulture)} windowEnd {s.WindowEnd.UtcDateTime:O} id {s.SignalId}";
}
