using System.Security.Cryptography;
using System.Text;

namespace Governance.Redis;

/// <summary>Every Redis key, built in one place: <c>{prefix}:{{creatorId}}:...</c> so a cluster shards by creator.</summary>
internal sealed class RedisKeys(string prefix)
{
    /// <summary>Common start of a creator's keys (the hash tag is the creator id).</summary>
    public string Creator(string creatorId) => $"{prefix}:{{{Tag(creatorId)}}}:";

    public string Watermark(string creatorId) => Creator(creatorId) + "wm";

    public string Evidence(string creatorId, string stateKey) => Creator(creatorId) + "e:" + stateKey;

    public string Cooldown(string creatorId, string ruleId) => Creator(creatorId) + "cd:" + ruleId;

    /// <summary>When the deployment first saw an event (not per creator: read once per worker).</summary>
    public string Epoch => $"{prefix}:epoch";

    /// <summary>Pack storage keys (not per creator).</summary>
    public string Pack(string suffix) => $"{prefix}:pack:{suffix}";

    // Braces inside an id would end the hash tag early; such ids (and very long ones) are hashed.
    private static string Tag(string creatorId) =>
        creatorId.Length <= 64 && creatorId.AsSpan().IndexOfAny('{', '}') < 0
            ? creatorId
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(creatorId)))[..32];
}
