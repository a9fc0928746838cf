using System.ComponentModel.DataAnnotations;

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
    [Required(ErrorMessage = "Redis:Configuration is empty: set it (env Redis__Configuration), e.g. 127.0.0.1:6379.")]
    public string Configuration { get; set; } = "127.0.0.1:6379";

    /// <summary>Prefix of every key, so several deployments can share a server.</summary>
    [Required(ErrorMessage = "Redis:KeyPrefix must not be empty.")]
    [RegularExpression("^[^{}]*$", ErrorMessage = "Redis:KeyPrefix must be free of '{{' and '}}' (they mark the creator's hash tag).")]
    public string KeyPrefix { get; set; } = "gov";
}
