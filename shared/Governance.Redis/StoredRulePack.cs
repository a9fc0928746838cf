namespace Governance.Redis;

/// <summary>A published rule pack as kept in Redis.</summary>
public sealed record StoredRulePack
{
    /// <summary>Content hash of the rule and term files.</summary>
    public required string Version { get; init; }

    /// <summary>When it was published.</summary>
    public required DateTimeOffset PublishedAt { get; init; }

    /// <summary>Who published it (user@host of the CLI).</summary>
    public required string PublishedBy { get; init; }

    /// <summary>The files, by path relative to the pack folder.</summary>
    public required IReadOnlyDictionary<string, string> Files { get; init; }
}
