using System.Globalization;
using Governance.Contracts;

namespace Governance.Chaos;

/// <summary>
/// A run's alerts against the undisturbed run's: the same alerts (by <c>alertId</c>, which is derived
/// from the creator and the signal that opened it), each ending with the same content (creator,
/// priority, severity, score, signals); none missing, none extra. Revision numbers are not compared:
/// how many revisions an alert takes depends on how its signals were batched. A repeated delivery of
/// one revision (at least once, after a crash between send and marking it sent) must be identical.
/// </summary>
public sealed record AlertComparison(int Expected, int Got, int Missing, int Extra, int Differ, int Repeats, int RepeatsDiffer, IReadOnlyList<string> Differences)
{
    public bool Match => Missing == 0 && Extra == 0 && Differ == 0 && RepeatsDiffer == 0;

    public static AlertComparison Compare(IReadOnlyList<CreatorFlagged> baseline, IReadOnlyList<CreatorFlagged> run)
    {
        var expected = Final(baseline);
        var got = Final(run);
        var missing = expected.Keys.Except(got.Keys).Order(StringComparer.Ordinal).ToList();
        var extra = got.Keys.Except(expected.Keys).Order(StringComparer.Ordinal).ToList();
        var differ = expected.Keys.Intersect(got.Keys).Where(k => Content(expected[k]) != Content(got[k])).Order(StringComparer.Ordinal).ToList();
        var revisions = run.GroupBy(a => (a.AlertId, a.Revision)).ToList();
        var repeatsDiffer = revisions.Where(g => g.Select(Content).Distinct(StringComparer.Ordinal).Count() > 1).Select(g => g.First()).ToList();
        var differences = missing.Select(k => "alert missing " + Describe(expected[k]))
            .Concat(extra.Select(k => "alert extra   " + Describe(got[k])))
            .Concat(differ.Select(k => $"alert differs: undisturbed {Describe(expected[k])}; this run {Describe(got[k])}"))
            .Concat(repeatsDiffer.Select(a => "alert revision delivered twice with different content " + Describe(a)))
            .ToList();
        return new AlertComparison(expected.Count, got.Count, missing.Count, extra.Count, differ.Count, run.Count - revisions.Count, repeatsDiffer.Count, differences);
    }

    private static Dictionary<string, CreatorFlagged> Final(IEnumerable<CreatorFlagged> alerts) =>
        alerts.GroupBy(a => a.AlertId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Revision)!, StringComparer.Ordinal);

    // The score to six significant digits: it is a sum of decayed weights, the same inputs in the same order.
    private static string Content(CreatorFlagged a) =>
        $"{a.CreatorId}|{a.PriorityName}|{a.Severity}|{a.Score.ToString("G6", CultureInfo.InvariantCulture)}|{string.Join(",", a.Signals.Select(s => s.SignalId).Order(StringComparer.Ordinal))}";

    private static string Describe(CreatorFlagged a) =>
        $"{a.AlertId} r{a.Revision} {a.CreatorId} {a.PriorityName} score {a.Score.ToString("G6", CultureInfo.InvariantCulture)} signals [{string.Join(", ", a.Signals.Select(s => s.RuleId))}]";
}
