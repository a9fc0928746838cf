namespace Governance.Rules.Model;

/// <summary>Whether a rule's signals may escalate.</summary>
public enum RuleMode
{
    /// <summary>Signals go to alerting and may flag creators.</summary>
    Enforce,

    /// <summary>Evaluated, counted and published with mode shadow; never escalated.</summary>
    Shadow,
}
