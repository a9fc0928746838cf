namespace Governance.Rules.Engine;

/// <summary>A validated, compiled set of rules with its version (content hash of the rule and term files).</summary>
public sealed record RulePack(string Version, IReadOnlyList<CompiledRule> Rules);
