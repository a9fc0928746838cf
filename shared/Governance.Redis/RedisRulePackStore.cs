using System.Text.Json;
using Governance.Rules.Packs;
using StackExchange.Redis;

namespace Governance.Redis;

/// <summary>
/// Published rule packs: each version stored whole under <c>{prefix}:{pack}:v:{version}</c>, the active
/// version under <c>{prefix}:{pack}:active</c>, and a notification on channel <c>{prefix}:{pack}:changed</c>
/// so running workers reload without a restart.
/// </summary>
public sealed class RedisRulePackStore(IConnectionMultiplexer redis, RedisOptions options)
{
    private readonly RedisKeys _keys = new(options.KeyPrefix);

    /// <summary>The notification channel.</summary>
    public RedisChannel Channel => RedisChannel.Literal(_keys.Pack("changed"));

    /// <summary>Stores the pack, makes it active and notifies workers; returns its version.</summary>
    public async Task<string> PublishAsync(RulePackFiles files, string publishedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(files);
        var stored = new StoredRulePack { Version = files.Version, PublishedAt = now, PublishedBy = publishedBy, Files = files.Files };
        var db = redis.GetDatabase();
        var transaction = db.CreateTransaction();
        _ = transaction.StringSetAsync(_keys.Pack("v:" + files.Version), JsonSerializer.Serialize(stored, RedisJsonContext.Default.StoredRulePack));
        _ = transaction.StringSetAsync(_keys.Pack("active"), files.Version);
        _ = transaction.ListLeftPushAsync(_keys.Pack("history"), $"{now:O} {files.Version} {publishedBy}");
        _ = transaction.ListTrimAsync(_keys.Pack("history"), 0, 99);
        if (!await transaction.ExecuteAsync())
        {
            throw new InvalidOperationException("Redis did not store the pack.");
        }

        await db.PublishAsync(Channel, files.Version);
        return files.Version;
    }

    /// <summary>The active pack, or null when none was published.</summary>
    public async Task<StoredRulePack?> GetActiveAsync()
    {
        var db = redis.GetDatabase();
        var version = await db.StringGetAsync(_keys.Pack("active"));
        if (version.IsNullOrEmpty)
        {
            return null;
        }

        var json = await db.StringGetAsync(_keys.Pack("v:" + version));
        return json.IsNullOrEmpty
            ? throw new InvalidOperationException($"The active pack {version} is missing from Redis; publish it again.")
            : JsonSerializer.Deserialize((string)json!, RedisJsonContext.Default.StoredRulePack);
    }

    /// <summary>Calls <paramref name="changed"/> with the new version whenever a pack is published.</summary>
    public Task SubscribeAsync(Action<string> changed) =>
        redis.GetSubscriber().SubscribeAsync(Channel, (_, version) => changed((string)version!));
}
