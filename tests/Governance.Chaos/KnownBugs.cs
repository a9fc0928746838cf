namespace Governance.Chaos;

/// <summary>
/// Service bugs the suite has found (docs/chaos.md, "Bugs found"). A run that shows BUG-1 or BUG-2
/// still fails; BUG-3 (evidence) is shown but does not fail a run, since the criterion is
/// (signalId, value, windowEnd). The table names the bug so a reader can tell a known one from a new one.
/// </summary>
public static class KnownBugs
{
    /// <summary>The worker declares no exchange, queue or binding in a fresh virtual host.</summary>
    public const string NoQueueDeclared = "BUG-1";

    /// <summary>Rules with a <c>baseline:</c> fire or not depending on how events fall into batches.</summary>
    public const string BaselineDependsOnBatches = "BUG-2";

    /// <summary>A signal's evidence depends on how events fall into batches (later events of the batch crowd it out).</summary>
    public const string EvidenceDependsOnBatches = "BUG-3";

    /// <summary>The ids of the rules in <paramref name="rulesFolder"/> that compare with a baseline.</summary>
    public static IReadOnlySet<string> BaselineRules(string rulesFolder) =>
        Directory.GetFiles(rulesFolder, "*.yaml")
            .Where(f => File.ReadLines(f).Any(l => l.StartsWith("baseline:", StringComparison.Ordinal)))
            .Select(f => File.ReadLines(f).First(l => l.StartsWith("id:", StringComparison.Ordinal))[3..].Trim())
            .ToHashSet(StringComparer.Ordinal);
}
