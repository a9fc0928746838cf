using StackExchange.Redis;

namespace Governance.Redis.Windows;

/// <summary>Commands on creators' hashes, sent together by <see cref="Execute"/>; each task completes with its answer.</summary>
internal interface IWindowHashBatch
{
    /// <summary>Every field of the creator's hash.</summary>
    Task<HashEntry[]> ReadAllAsync(string creatorId);

    /// <summary>The values of <paramref name="fields"/> (null where absent).</summary>
    Task<RedisValue[]> ReadAsync(string creatorId, RedisValue[] fields);

    /// <summary>
    /// Writes <paramref name="changes"/> if the hash is at <paramref name="expectedVersion"/>: its new
    /// version, or -1 (nothing written) when another writer changed it since.
    /// </summary>
    Task<RedisResult> WriteAsync(string creatorId, StateChanges changes, long expectedVersion);

    /// <summary>Deletes <paramref name="fields"/>, leaving the version alone.</summary>
    Task DeleteAsync(string creatorId, RedisValue[] fields);

    /// <summary>Sends the commands.</summary>
    void Execute();
}
