using StackExchange.Redis;

namespace Governance.Redis.Windows;

/// <summary>
/// Creators' hashes in memory, with WriteScript.lua's semantics (versioned writes): the backend of a
/// backtest or rules test, so that they run the worker's window code. Hashes never expire (a replay
/// is short, and the store sweeps expired states itself). One caller at a time.
/// </summary>
internal sealed class MemoryWindowHashes : IWindowHashes, IWindowHashBatch
{
    private readonly Dictionary<string, Dictionary<string, RedisValue>> _hashes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _stateEpochs = new(StringComparer.Ordinal);
    private long? _epoch;

    public bool TakeRestored() => false;

    // Commands run at once: a batch is the store itself.
    public IWindowHashBatch CreateBatch() => this;

    public Task<long> EpochAsync(long candidate, CancellationToken cancellationToken)
    {
        _epoch ??= candidate;
        return Task.FromResult(_epoch.Value);
    }

    public Task<long[]> StateEpochsAsync(string[] stateKeys, long deploymentEpoch, long now, CancellationToken cancellationToken)
    {
        var began = _stateEpochs.TryAdd("@deployment", deploymentEpoch) ? deploymentEpoch : now;
        foreach (var key in stateKeys)
        {
            _stateEpochs.TryAdd(key, began);
        }

        return Task.FromResult(stateKeys.Select(k => _stateEpochs[k]).ToArray());
    }

    public Task<HashEntry[]> ReadAllAsync(string creatorId) =>
        Task.FromResult(_hashes.TryGetValue(creatorId, out var hash) ? hash.Select(f => new HashEntry(f.Key, f.Value)).ToArray() : []);

    public Task<RedisValue[]> ReadAsync(string creatorId, RedisValue[] fields)
    {
        _hashes.TryGetValue(creatorId, out var hash);
        return Task.FromResult(fields.Select(f => hash is not null && hash.TryGetValue(f!, out var value) ? value : RedisValue.Null).ToArray());
    }

    public Task<RedisResult> WriteAsync(string creatorId, StateChanges changes, long expectedVersion)
    {
        if (!_hashes.TryGetValue(creatorId, out var hash))
        {
            _hashes[creatorId] = hash = new(StringComparer.Ordinal);
        }

        var version = hash.TryGetValue(StateFields.Version, out var v) ? (long)v : 0;
        if (version != expectedVersion)
        {
            return Task.FromResult(RedisResult.Create((RedisValue)(-1)));
        }

        changes.ApplyTo(hash);
        hash[StateFields.Version] = ++version;
        return Task.FromResult(RedisResult.Create((RedisValue)version));
    }

    public Task DeleteAsync(string creatorId, RedisValue[] fields)
    {
        if (_hashes.TryGetValue(creatorId, out var hash))
        {
            foreach (var field in fields)
            {
                hash.Remove(field!);
            }
        }

        return Task.CompletedTask;
    }

    public void Execute()
    {
    }

    public void Dispose()
    {
    }
}
