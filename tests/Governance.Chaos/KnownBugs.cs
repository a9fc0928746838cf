namespace Governance.Chaos;

/// <summary>
/// Service bugs the suite has found and docs/chaos.md describes, by the fault that shows them. A run
/// that shows one still fails; the table names the bug so a reader knows it is not new.
/// </summary>
public static class KnownBugs
{
    private static readonly Dictionary<FaultKind, string> Bugs = [];

    public static string? For(FaultKind kind) => Bugs.GetValueOrDefault(kind);
}
