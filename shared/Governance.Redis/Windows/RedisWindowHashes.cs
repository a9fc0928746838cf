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

    public IWindowHashBatch CreateBatch() => new Batch(_redis, _redis.GetDatabase().CreateBatch(), _keys);

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

    /// <summary>
    /// Reads and deletes go out as they are asked for; writes wait for <see cref="Execute"/> and go out as one
    /// script call per hash slot (one per batch on a single node, where every key is in no slot), not one per
    /// creator: in a steady stream a batch holds a few hundred creators with an event or two each, and handling
    /// a call and a reply per creator kept the worker from keeping up (Redis's own CPU is the same either way;
    /// docs/benchmarks.md).
    /// </summary>
    private sealed class Batch(IConnectionMultiplexer redis, IBatch batch, RedisKeys keys) : IWindowHashBatch
    {
        private readonly List<PendingWrite> _writes = [];

        public Task<HashEntry[]> ReadAllAsync(string creatorId) => batch.HashGetAllAsync(keys.Window(creatorId));

        public Task<RedisValue[]> ReadAsync(string creatorId, RedisValue[] fields) => batch.HashGetAsync(keys.Window(creatorId), fields);

        public Task<RedisResult> WriteAsync(string creatorId, StateChanges changes, long expectedVersion)
        {
            // The arguments now: the caller reuses its changes for the next creator.
            var written = new TaskCompletionSource<RedisResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            _writes.Add(new PendingWrite(keys.Window(creatorId), changes.ToArguments(expectedVersion), written));
            return written.Task;
        }

        public Task DeleteAsync(string creatorId, RedisValue[] fields) => batch.HashDeleteAsync(keys.Window(creatorId), fields);

        public void Execute()
        {
            foreach (var slot in _writes.GroupBy(w => redis.HashSlot(w.Key)))
            {
                var writes = slot.ToList();
                var call = batch.ScriptEvaluateAsync(WriteScript, [.. writes.Select(w => w.Key)], [.. writes.SelectMany(w => w.Arguments)]);
                _ = call.ContinueWith(done => Settle(done, writes), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            _writes.Clear();
            batch.Execute();
        }

        private static void Settle(Task<RedisResult> call, List<PendingWrite> writes)
        {
            if (!call.IsCompletedSuccessfully)
            {
                foreach (var w in writes)
                {
                    w.Written.TrySetException(call.Exception?.InnerExceptions ?? [new TaskCanceledException(call)]);
                }

                return;
            }

            var versions = (RedisResult[])call.Result!;
            for (var i = 0; i < writes.Count; i++)
            {
                writes[i].Written.TrySetResult(versions[i]);
            }
        }

        private readonly record struct PendingWrite(RedisKey Key, RedisValue[] Arguments, TaskCompletionSource<RedisResult> Written);
    }
}
