namespace Governance.Rules.Model;

/// <summary>Which events a rule looks at.</summary>
public enum RuleSource
{
    /// <summary>Content events only.</summary>
    Content,

    /// <summary>Transaction events only.</summary>
    Transaction,

    /// <summary>Both.</summary>
    Any,
}
