namespace Governance.Contracts;

/// <summary>Human reasons for an alert in each language moderators work in.</summary>
public sealed record LocalizedReasons
{
    /// <summary>English.</summary>
    public required IReadOnlyList<string> En { get; init; }

    /// <summary>Spanish.</summary>
    public required IReadOnlyList<string> Es { get; init; }
}
