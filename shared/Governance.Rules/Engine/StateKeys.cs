using Governance.Rules.Model;

namespace Governance.Rules.Engine;

/// <summary>The window-state key of a rule, per group key for grouped rules.</summary>
internal static class StateKeys
{
    // Group keys are user data (buyer ids ...): long ones are hashed to keep Redis keys short.
    private const int MaxPlainGroupKey = 64;

    public static string Of(RuleDefinition rule, string? group) =>
        group is null ? rule.StateKey
        : $"{rule.StateKey}:k:{(group.Length <= MaxPlainGroupKey ? group : ShortHash.Of(group))}";
}
