namespace Governance.Redis;

/// <summary>
/// Redis settings (section <c>Redis</c>):
/// <code>
/// "Redis": { "Configuration": "127.0.0.1:6379", "KeyPrefix": "gov" }
/// </code>
/// A password goes in the configuration string from the environment (<c>Redis__Configuration=host:6379,password=...</c>).
/// </summary>
public sealed class RedisOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Redis";

    /// <summary>StackExchange.Redis configuration string.</summary>
    public string Configuration { get; set; } = "127.0.0.1:6379";

    /// <summary>Prefix of every key, so several deployments can share a server.</summary>
    public string KeyPrefix { get; set; } = "gov";

    /// <summary>Throws naming the setting that cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Configuration))
        {
            throw new InvalidOperationException("Redis:Configuration is empty: set it (env Redis__Configuration), e.g. 127.0.0.1:6379.");
        }

        if (string.IsNullOrWhiteSpace(KeyPrefix) || KeyPrefix.Contains('{', StringComparison.Ordinal) || KeyPrefix.Contains('}', StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Redis:KeyPrefix must be non-empty and free of '{' and '}' (they mark the creator's hash tag).");
        }
    }
}
