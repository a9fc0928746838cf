namespace Governance.Rules.Model;

/// <summary>How serious a rule's finding is; drives alert priority.</summary>
public enum Severity
{
    /// <summary>Worth a look.</summary>
    Low,

    /// <summary>Likely abuse.</summary>
    Medium,

    /// <summary>Abuse with harm.</summary>
    High,

    /// <summary>Act now.</summary>
    Critical,
}
