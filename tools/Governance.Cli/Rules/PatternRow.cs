namespace Governance.Cli.Rules;

/// <summary>One pattern of the truth: how many of its creators any enforced rule flagged, and by which rules.</summary>
internal sealed record PatternRow(string Pattern, string Label, int Creators, int Flagged, IReadOnlyList<string> Rules);
