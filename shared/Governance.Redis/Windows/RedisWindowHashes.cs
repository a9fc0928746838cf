using StackExchange.Redis;

namespace Governance.Redis.Windows;

/// <summary>Creators' hashes in Redis (one per creator, keyed by <see cref="RedisKeys.Window"/>), written by WriteScript.lua.</summary>
internal sealed class RedisWindowHashes : IWindowHashes
{
    private static readonly string WriteScript = ReadScript("WriteScript.lua");
    private static readonly string StateEpochsScript = ReadScript("StateEpochsScript.lua");

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeys _keys;
    private int _restored;

    public RedisWindowHashes(IConnectionMultiplexer redis, RedisKeys keys)
    {
        _redis = redis;
        _keys = keys;

        // Belt and braces: a Redis that restarted may have lost writes it acknowledged (a persistence
        // setting weaker than appendfsync always); the held copies must not outlive what Redis kept.
        _redis.ConnectionRestored += OnConnectionRestored;
    }

    public bool TakeRestored() => Interlocked.Exchange(ref _restored, 0) == 1;

    public IWindowHashBatch CreateBatch() => new Batch(_redis.GetDatabase().CreateBatch(), _keys);

    public async Task<long> EpochAsync(long candidate, CancellationToken cancellationToken)
    {
        var db = _redis.GetDatabase();
        await db.StringSetAsync(_keys.Epoch, candidate, when: When.NotExists).WaitAsync(cancellationToken);
        return (long)await db.StringGetAsync(_keys.Epoch).WaitAsync(cancellationToken);
    }

    public async Task<long[]> StateEpochsAsync(string[] stateKeys, long deploymentEpoch, long now, CancellationToken cancellationToken)
    {
        RedisValue[] arguments = [deploymentEpoch, now, .. stateKeys.Select(k => (RedisValue)k)];
        var stored = await _redis.GetDatabase().ScriptEvaluateAsync(StateEpochsScript, [_keys.StateEpochs], arguments).WaitAsync(cancellationToken);
        return [.. ((RedisResult[])stored!).Select(r => (long)r)];
    }

    public void Dispose() => _redis.ConnectionRestored -= OnConnectionRestored;

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => Interlocked.Exchange(ref _restored, 1);

    private static string ReadScript(string name)
    {
        using var stream = typeof(RedisWindowHashes).Assembly.GetManifestResourceStream("Governance.Redis." + name)
            ?? throw new InvalidOperationException(name + " is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed class Batch(IBatch batch, RedisKeys keys) : IWindowHashBatch
    {
        public Task<HashEntry[]> ReadAllAsync(string creatorId) => batch.HashGetAllAsync(keys.Window(creatorId));

        public Task<RedisValue[]> ReadAsync(string creatorId, RedisValue[] fields) => batch.HashGetAsync(keys.Window(creatorId), fields);

        public Task<RedisResult> WriteAsync(string creatorId, StateChanges changes, long expectedVersion) =>
            batch.ScriptEvaluateAsync(WriteScript, [keys.Window(creatorId)], changes.ToArguments(expectedVersion));

        public Task DeleteAsync(string creatorId, RedisValue[] fields) => batch.HashDeleteAsync(keys.Window(creatorId), fields);

        public void Execute() => batch.Execute();
    }
}
