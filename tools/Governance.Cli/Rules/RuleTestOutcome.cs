namespace Governance.Cli.Rules;

/// <summary>One fixture's result: passed when there are no problems.</summary>
internal sealed record RuleTestOutcome(string RuleId, string Name, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;
}
