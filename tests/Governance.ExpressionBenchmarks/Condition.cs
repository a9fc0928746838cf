namespace Governance.ExpressionBenchmarks;

/// <summary>One rule condition written in each engine's own syntax, meaning the same thing.</summary>
internal sealed record Condition(string Name, string Ours, string DynamicExpresso, string Cel);
