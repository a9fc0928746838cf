using System.Diagnostics;
using Governance.Contracts;
using Governance.Redis.Windows;
using Governance.Rules.Windows;
using StackExchange.Redis;

namespace Governance.Redis;

/// <summary>
/// Window state in Redis, one hash per creator, held and computed by the worker (the Kafka Streams
/// layout: the partition's owner keeps the state in memory; Redis keeps it durable and shared).
/// A batch costs one round trip to write the changed fields of every creator (one small Lua call
/// each, all pipelined), plus one to read the creators the worker does not hold yet. Each write
/// carries the hash's version the worker computed from; if another worker wrote the creator since,
/// the write is refused, the worker rereads that creator and computes its events again, so no update
/// is lost or counted twice. Series are kept in time buckets with a running total, distinct counts
/// exactly (item → last seen). The hash's TTL covers its longest window plus the allowed lateness.
/// </summary>
public sealed class RedisWindowStore : IWindowStore, IDisposable
{
    private const int MaxConflictRounds = 5;

    // Writes handed to the connection together: small enough that Redis starts on a batch's first
    // creators while the worker computes the rest, large enough to keep the per-flush cost low.
    private const int WritesPerFlush = 64;

    private static readonly string WriteScript = ReadScript("WriteScript.lua");
    private static readonly string CooldownScript = ReadScript("CooldownScript.lua");

    private readonly IConnectionMultiplexer _redis;
    private readonly WindowStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly RedisKeys _keys;
    private readonly CreatorStateCache _cache;
    private readonly StateChanges _changes = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _roundTrips;
    private long _conflicts;
    private long _computeTicks;

    /// <summary>Creates the store over a shared connection.</summary>
    public RedisWindowStore(IConnectionMultiplexer redis, RedisOptions redisOptions, WindowStoreOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(redisOptions);
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _options = options;
        _time = time;
        _keys = new RedisKeys(redisOptions.KeyPrefix);
        _cache = new CreatorStateCache(options.MaxCachedCreators);
    }

    /// <summary>Pipelined round trips made so far (for the round-trips-per-event figure).</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    /// <summary>Writes refused because another worker had changed the creator (each one reread and recomputed).</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>Time spent computing windows in memory and building the writes (the rest of a call is Redis and the client).</summary>
    public TimeSpan ComputeTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _computeTicks));

    /// <summary>Creators whose state the worker holds.</summary>
    public int CachedCreators => _cache.Count;

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    /// <inheritdoc />
    public async Task<IReadOnlyList<CreatorOutcome>> ApplyAsync(IReadOnlyList<CreatorUpdates> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return [];
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            _cache.Tick();
            var outcomes = new CreatorOutcome[batch.Count];
            var pending = Enumerable.Range(0, batch.Count).ToList();
            for (var round = 0; pending.Count > 0; round++)
            {
                if (round == MaxConflictRounds)
                {
                    throw new InvalidOperationException($"Window state of {pending.Count} creators kept changing under this worker ({MaxConflictRounds} rounds), e.g. '{batch[pending[0]].CreatorId}': is another worker consuming the same partitions?");
                }

                pending = await ApplyRoundAsync(batch, pending, outcomes, cancellationToken);
            }

            _cache.Trim();
            return outcomes;
        }
        catch
        {
            // The held states of this batch may be ahead of Redis now: reread them next time.
            Forget(batch.Select(c => c.CreatorId));
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IReadOnlyList<EvidenceItem>>> GetEvidenceAsync(IReadOnlyList<EvidenceRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return [];
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // The worker knows which slots hold evidence inside the window; their entries are read now.
            var states = await StatesAsync([.. requests.Select(r => r.CreatorId)], cancellationToken);
            var pipeline = _redis.GetDatabase().CreateBatch();
            var reads = requests.Select((r, i) => states[i].EvidenceFields(r.Key, r.Window, r.WindowEnd) is { Length: > 0 } fields
                ? pipeline.HashGetAsync(_keys.Window(r.CreatorId), fields)
                : Task.FromResult<RedisValue[]>([])).ToArray();
            pipeline.Execute();
            Interlocked.Increment(ref _roundTrips);
            var entries = await Task.WhenAll(reads).WaitAsync(cancellationToken);
            return [.. entries.Select(values => (IReadOnlyList<EvidenceItem>)[.. values
                .Select(v => EvidenceRing.Parse(v))
                .OfType<EvidenceItem>()
                .OrderByDescending(e => e.OccurredAt)])];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset> EpochAsync(DateTimeOffset candidate, CancellationToken cancellationToken)
    {
        var db = _redis.GetDatabase();
        await db.StringSetAsync(_keys.Epoch, candidate.ToUnixTimeMilliseconds(), when: When.NotExists).WaitAsync(cancellationToken);
        var stored = await db.StringGetAsync(_keys.Epoch).WaitAsync(cancellationToken);
        Interlocked.Add(ref _roundTrips, 2);
        return DateTimeOffset.FromUnixTimeMilliseconds((long)stored);
    }

    /// <inheritdoc />
    public async Task SetCooldownsAsync(IReadOnlyList<Cooldown> cooldowns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cooldowns);
        if (cooldowns.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = _time.GetUtcNow();
            var pipeline = _redis.GetDatabase().CreateBatch();
            var calls = new List<(string CreatorId, CreatorWindowState? State, Task<RedisResult> Call)>();
            foreach (var creator in cooldowns.GroupBy(c => c.CreatorId, StringComparer.Ordinal))
            {
                var held = _cache.TryGet(creator.Key, out var state) ? state : null;
                var ttl = (long)Math.Max(60_000, creator.Max(c => c.Until - now).TotalMilliseconds + TimeSpan.FromDays(1).TotalMilliseconds);
                var args = new List<RedisValue> { held?.Version ?? -1, ttl };
                foreach (var c in creator)
                {
                    var until = c.Until.ToUnixTimeMilliseconds();
                    held?.RaiseCooldown(c.RuleId, until);
                    args.Add(StateFields.Cooldown(c.RuleId));
                    args.Add(until);
                }

                calls.Add((creator.Key, held, pipeline.ScriptEvaluateAsync(CooldownScript, [_keys.Window(creator.Key)], [.. args])));
            }

            pipeline.Execute();
            Interlocked.Increment(ref _roundTrips);
            await Task.WhenAll(calls.Select(c => c.Call)).WaitAsync(cancellationToken);
            foreach (var (creatorId, state, call) in calls)
            {
                Settle(creatorId, state, call.Result);
            }
        }
        catch
        {
            Forget(cooldowns.Select(c => c.CreatorId));
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private CreatorOutcome Apply(CreatorUpdates creator, CreatorWindowState state)
    {
        var events = new List<EventOutcome>(creator.Events.Count);
        foreach (var e in creator.Events)
        {
            events.Add(state.Apply(e, _options, _changes));
        }

        state.ForgetSeen(_options.DedupHorizon, _changes);
        return new CreatorOutcome(events, state.CoolingDown(creator.CooldownRules), state.FirstSeen);
    }

    /// <summary>The held states of the creators, reading those not held in one round trip.</summary>
    private async Task<CreatorWindowState[]> StatesAsync(IReadOnlyList<string> creatorIds, CancellationToken cancellationToken)
    {
        var (held, reads) = StartHolding(creatorIds);
        var states = new CreatorWindowState[creatorIds.Count];
        for (var i = 0; i < states.Length; i++)
        {
            states[i] = await HoldAsync(creatorIds[i], held[i], reads[i], cancellationToken);
        }

        return states;
    }

    /// <summary>The creators' held states, and for those not held their reads, sent in one pipelined round trip.</summary>
    private (CreatorWindowState?[] Held, Task<HashEntry[]>?[] Reads) StartHolding(IReadOnlyList<string> creatorIds)
    {
        var held = new CreatorWindowState?[creatorIds.Count];
        var reads = new Task<HashEntry[]>?[creatorIds.Count];
        IBatch? pipeline = null;
        for (var i = 0; i < creatorIds.Count; i++)
        {
            if (_cache.TryGet(creatorIds[i], out var state))
            {
                held[i] = state;
            }
            else
            {
                pipeline ??= _redis.GetDatabase().CreateBatch();
                reads[i] = pipeline.HashGetAllAsync(_keys.Window(creatorIds[i]));
            }
        }

        if (pipeline is not null)
        {
            pipeline.Execute();
            Interlocked.Increment(ref _roundTrips);
        }

        return (held, reads);
    }

    /// <summary>A creator's state: the held one, or the one read from Redis (held from now on).</summary>
    private async ValueTask<CreatorWindowState> HoldAsync(string creatorId, CreatorWindowState? held, Task<HashEntry[]>? read, CancellationToken cancellationToken)
    {
        if (held is not null)
        {
            return held;
        }

        var state = CreatorWindowState.Load(await read!.WaitAsync(cancellationToken), _options.EvidenceLimit);
        _cache.Set(creatorId, state);
        return state;
    }

    /// <summary>
    /// Takes a write's answer: the hash's new version, or -1 when the hash was not at the version the
    /// held state expected. False (and the state is dropped, to be reread) unless the state is current.
    /// </summary>
    private bool Settle(string creatorId, CreatorWindowState? state, RedisResult result)
    {
        var version = (long)result;
        if (state is not null && version > 0)
        {
            state.Version = version;
            return true;
        }

        _cache.Remove(creatorId);
        return false;
    }

    private void Forget(IEnumerable<string> creatorIds)
    {
        foreach (var creatorId in creatorIds)
        {
            _cache.Remove(creatorId);
        }
    }

    /// <summary>
    /// Computes the creators' events and writes each creator's changes as soon as it is computed, in
    /// pipelined chunks, so Redis executes the first writes while the rest is computed (and creators
    /// read from Redis arrive while the first are computed). Returns the batch indexes whose write was
    /// refused (dropped from the cache, to be computed again).
    /// </summary>
    private async Task<List<int>> ApplyRoundAsync(IReadOnlyList<CreatorUpdates> batch, List<int> indexes, CreatorOutcome[] outcomes, CancellationToken cancellationToken)
    {
        var db = _redis.GetDatabase();
        var (held, reads) = StartHolding([.. indexes.Select(i => batch[i].CreatorId)]);
        IBatch? pipeline = null;
        var writes = new List<(int Index, CreatorWindowState State, Task<RedisResult> Call)>();
        var inPipeline = 0;
        long computing = 0;
        for (var p = 0; p < indexes.Count; p++)
        {
            var creator = batch[indexes[p]];
            var state = await HoldAsync(creator.CreatorId, held[p], reads[p], cancellationToken);
            var started = Stopwatch.GetTimestamp();
            outcomes[indexes[p]] = Apply(creator, state);
            if (!_changes.IsEmpty)
            {
                pipeline ??= db.CreateBatch();
                writes.Add((indexes[p], state, pipeline.ScriptEvaluateAsync(WriteScript, [_keys.Window(creator.CreatorId)], _changes.ToArguments(state.Version))));
                if (++inPipeline == WritesPerFlush)
                {
                    pipeline.Execute();
                    pipeline = null;
                    inPipeline = 0;
                }
            }

            _changes.Clear();
            computing += Stopwatch.GetTimestamp() - started;
        }

        pipeline?.Execute();
        Interlocked.Add(ref _computeTicks, computing);
        if (writes.Count == 0)
        {
            return [];
        }

        Interlocked.Increment(ref _roundTrips);
        await Task.WhenAll(writes.Select(w => w.Call)).WaitAsync(cancellationToken);
        var refused = new List<int>();
        foreach (var (index, state, call) in writes)
        {
            if (!Settle(batch[index].CreatorId, state, call.Result))
            {
                refused.Add(index);
            }
        }

        Interlocked.Add(ref _conflicts, refused.Count);
        return refused;
    }

    private static string ReadScript(string name)
    {
        using var stream = typeof(RedisWindowStore).Assembly.GetManifestResourceStream("Governance.Redis." + name)
            ?? throw new InvalidOperationException(name + " is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
