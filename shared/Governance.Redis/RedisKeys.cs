using System.Security.Cryptography;
using System.Text;

namespace Governance.Redis;

/// <summary>Every Redis key, built in one place: <c>{prefix}:{{creatorId}}:...</c> so a cluster shards by creator.</summary>
internal sealed class RedisKeys(string prefix)
{
    /// <summary>Common start of a creator's keys (the hash tag is the creator id).</summary>
    public string Creator(string creatorId) => $"{prefix}:{{{Tag(creatorId)}}}:";

    /// <summary>The creator's window hash (every window, evidence, seen eventId and cooldown of the creator).</summary>
    public string Window(string creatorId) => Creator(creatorId) + "w";

    /// <summary>When the deployment first saw an event (not per creator: read once per worker).</summary>
    public string Epoch => $"{prefix}:epoch";

    /// <summary>When each window state began (a field per rule state key; not per creator: read once per worker and state).</summary>
    public string StateEpochs => $"{prefix}:epochs";

    /// <summary>
    /// A rule's peer-group counts of one hour of event time (<see cref="RedisPeerCounts"/>): one key per
    /// rule and hour, so a cluster spreads them over its nodes.
    /// </summary>
    public string Peers(string ruleId, DateTimeOffset hour) => $"{prefix}:peers:{ruleId}:{hour.ToUnixTimeMilliseconds()}";

    /// <summary>
    /// Pack storage keys (not per creator). They share the hash tag <c>{pack}</c> because a publish
    /// writes them in one transaction, which a Redis Cluster allows only within one slot.
    /// </summary>
    public string Pack(string suffix) => $"{prefix}:{{pack}}:{suffix}";

    // Braces inside an id would end the hash tag early; such ids (and very long ones) are hashed.
    private static string Tag(string creatorId) =>
        creatorId.Length <= 64 && creatorId.AsSpan().IndexOfAny('{', '}') < 0
            ? creatorId
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(creatorId)))[..32];
}
