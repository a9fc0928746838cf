using Governance.Rules.Engine;
using Governance.Rules.Model;

namespace Governance.Rules.Packs;

/// <summary>The result of compiling a pack: the pack when valid, else every error found.</summary>
public sealed record RulePackCompilation(RulePack? Pack, IReadOnlyList<RuleError> Errors)
{
    /// <summary>True when the pack can be put in force.</summary>
    public bool IsValid => Pack is not null && Errors.Count == 0;
}
