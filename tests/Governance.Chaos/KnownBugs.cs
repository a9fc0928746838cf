namespace Governance.Chaos;

/// <summary>
/// Service bugs the suite has found (docs/chaos.md, "Bugs found"). A run that shows one still fails;
/// the table names the bug so a reader can tell a known one from a new one.
/// </summary>
public static class KnownBugs
{
    /// <summary>The worker declares no exchange, queue or binding in a fresh virtual host.</summary>
    public const string NoQueueDeclared = "BUG-1";

    /// <summary>Rules with a <c>baseline:</c> fire or not depending on how events fall into batches.</summary>
    public const string BaselineDependsOnBatches = "BUG-2";

    /// <summary>The ids of the rules in <paramref name="rulesFolder"/> that compare with a baseline.</summary>
    public static IReadOnlySet<string> BaselineRules(string rulesFolder) =>
        Directory.GetFiles(rulesFolder, "*.yaml")
            .Where(f => File.ReadLines(f).Any(l => l.StartsWith("baseline:", StringComparison.Ordinal)))
            .Select(f => File.ReadLines(f).First(l => l.StartsWith("id:", StringComparison.Ordinal))[3..].Trim())
            .ToHashSet(StringComparer.Ordinal);
}
