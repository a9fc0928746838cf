using System.Diagnostics;
using Governance.Contracts;
using Governance.Redis.Windows;
using Governance.Rules.Windows;
using StackExchange.Redis;

namespace Governance.Redis;

/// <summary>
/// Window state in Redis, one hash per creator, held and computed by the worker (the Kafka Streams
/// layout: the partition's owner keeps the state in memory; Redis keeps it durable and shared). The
/// same code runs over hashes in memory for backtests and rules tests (<see cref="InMemory"/>).
/// A batch costs one round trip to write the changed fields of every creator (one small Lua call
/// each, all pipelined), plus one to read the creators the worker does not hold yet. Each write
/// carries the hash's version the worker computed from; if another worker wrote the creator since,
/// the write is refused, the worker rereads that creator and computes its events again, so no update
/// is lost or counted twice. The same write stores, per input partition, the highest offset applied
/// (a redelivered record applies nothing) and the signals decided on those events as pending, with
/// their cooldowns (a crash before the broker confirmed them publishes the identical messages again).
/// Series are kept in time buckets with a running total, distinct counts exactly (item → last seen).
/// The hash's TTL covers its longest window.
/// </summary>
public sealed class HeldWindowStore : IWindowStore, IDisposable
{
    private const int MaxConflictRounds = 5;

    // How often (event time) a creator's states are all advanced, so that those of keys not seen again
    // expire: a minute keeps the leftovers within 1/60 of an hour's window, at a cost of one pass over
    // the creator's states per minute of its events.
    private const long SweepEveryMs = 60_000;

    // Writes handed to the connection together: small enough that Redis starts on a batch's first
    // creators while the worker computes the rest, large enough to keep the per-flush cost low.
    private const int WritesPerFlush = 64;

    private readonly IWindowHashes _hashes;
    private readonly WindowStoreOptions _options;
    private readonly CreatorStateCache _cache;
    private readonly StateChanges _changes = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly WindowStoreCounters _counters = new();

    /// <summary>Creates the store over a shared Redis connection.</summary>
    public HeldWindowStore(IConnectionMultiplexer redis, RedisOptions redisOptions, WindowStoreOptions options)
        : this(new RedisWindowHashes(redis, new RedisKeys((redisOptions ?? throw new ArgumentNullException(nameof(redisOptions))).KeyPrefix)), options)
    {
    }

    private HeldWindowStore(IWindowHashes hashes, WindowStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hashes = hashes;
        _options = options;
        _cache = new CreatorStateCache(options.MaxCachedCreators);
    }

    /// <summary>The same store over hashes in memory: what a backtest or a rules test runs, one caller at a time.</summary>
    public static HeldWindowStore InMemory(WindowStoreOptions options) => new(new MemoryWindowHashes(), options);

    /// <summary>Pipelined round trips made so far (for the round-trips-per-event figure).</summary>
    public long RoundTrips => _counters.RoundTrips;

    /// <summary>Writes refused because another worker had changed the creator (each one reread and recomputed).</summary>
    public long Conflicts => _counters.Conflicts;

    /// <summary>Time spent computing windows in memory and building the writes (the rest of a call is Redis and the client).</summary>
    public TimeSpan ComputeTime => _counters.ComputeTime;

    /// <summary>States of grouped rules dropped to keep each rule within <see cref="WindowStoreOptions.MaxKeysPerRule"/> keys per creator.</summary>
    public long DroppedKeys => _counters.DroppedKeys;

    /// <summary>Creators whose state the worker holds.</summary>
    public int CachedCreators => _cache.Count;

    /// <inheritdoc />
    public void Dispose()
    {
        _hashes.Dispose();
        _gate.Dispose();
    }

    /// <inheritdoc />
    public async Task<BatchOutcome> ApplyAsync(IReadOnlyList<CreatorUpdates> batch, IWindowDecisions decisions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(decisions);
        if (batch.Count == 0)
        {
            return new BatchOutcome([], []);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_hashes.TakeRestored())
            {
                _cache.Clear();
            }

            _cache.Tick();
            var work = new ApplyRound(batch, decisions);
            var pending = Enumerable.Range(0, batch.Count).ToList();
            for (var round = 0; pending.Count > 0; round++)
            {
                if (round == MaxConflictRounds)
                {
                    throw new InvalidOperationException($"Window state of {pending.Count} creators kept changing under this worker ({MaxConflictRounds} rounds), e.g. '{batch[pending[0]].CreatorId}': is another worker consuming the same partitions?");
                }

                pending = await ApplyRoundAsync(work, pending, cancellationToken);
            }

            _cache.Trim();
            return new BatchOutcome(work.Outcomes, [.. work.Signals.SelectMany(s => s ?? [])]);
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
    public async Task ConfirmAsync(IReadOnlyList<RiskSignalDetected> published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(published);
        if (published.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // The version is left alone: a pending field gone is no change of state another worker could miss.
            var pipeline = _hashes.CreateBatch();
            var deletes = published
                .GroupBy(p => p.CreatorId, StringComparer.Ordinal)
                .Select(creator => pipeline.DeleteAsync(creator.Key, [.. creator.Select(p => (RedisValue)StateFields.Pending(p.SignalId))]))
                .ToArray();
            pipeline.Execute();
            _counters.AddRoundTrips(1);
            await Task.WhenAll(deletes).WaitAsync(cancellationToken);
            foreach (var signal in published)
            {
                if (_cache.TryGet(signal.CreatorId, out var state))
                {
                    state.Confirmed(signal.SignalId);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset> EpochAsync(DateTimeOffset candidate, CancellationToken cancellationToken)
    {
        var stored = await _hashes.EpochAsync(candidate.ToUnixTimeMilliseconds(), cancellationToken);
        _counters.AddRoundTrips(2);
        return DateTimeOffset.FromUnixTimeMilliseconds(stored);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DateTimeOffset>> StateEpochsAsync(IReadOnlyList<string> stateKeys, DateTimeOffset deploymentEpoch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateKeys);
        var stored = await _hashes.StateEpochsAsync([.. stateKeys], deploymentEpoch.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), cancellationToken);
        _counters.AddRoundTrips(1);
        return [.. stored.Select(DateTimeOffset.FromUnixTimeMilliseconds)];
    }

    private CreatorOutcome Apply(CreatorUpdates creator, CreatorWindowState state)
    {
        var events = new List<EventOutcome>(creator.Events.Count);
        var dropped = state.DroppedKeys;
        foreach (var e in creator.Events)
        {
            events.Add(state.Apply(e, _changes));
        }

        _counters.AddDroppedKeys(state.DroppedKeys - dropped);

        state.Sweep(SweepEveryMs, _changes);
        state.ForgetSeen(_options.DedupHorizon, _changes);
        return new CreatorOutcome(events, state.CoolingDown(creator.CooldownRules));
    }

    /// <summary>The creators' held states, and for those not held their reads, sent in one pipelined round trip.</summary>
    private (CreatorWindowState?[] Held, Task<HashEntry[]>?[] Reads) StartHolding(IReadOnlyList<string> creatorIds)
    {
        var held = new CreatorWindowState?[creatorIds.Count];
        var reads = new Task<HashEntry[]>?[creatorIds.Count];
        IWindowHashBatch? pipeline = null;
        for (var i = 0; i < creatorIds.Count; i++)
        {
            if (_cache.TryGet(creatorIds[i], out var state))
            {
                held[i] = state;
            }
            else
            {
                pipeline ??= _hashes.CreateBatch();
                reads[i] = pipeline.ReadAllAsync(creatorIds[i]);
            }
        }

        if (pipeline is not null)
        {
            pipeline.Execute();
            _counters.AddRoundTrips(1);
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

        var state = CreatorWindowState.Load(await read!.WaitAsync(cancellationToken), _options);
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
    /// read from Redis arrive while the first are computed). Creators that fire or have events too late
    /// are written last: their signals' evidence is read first (one round trip) and the messages join
    /// the write as pending, and their too-late events are dead-lettered before the write stores their
    /// offsets. Returns the batch indexes whose write was refused (dropped from the cache, to be
    /// computed again).
    /// </summary>
    private async Task<List<int>> ApplyRoundAsync(ApplyRound round, List<int> indexes, CancellationToken cancellationToken)
    {
        var batch = round.Batch;
        var (held, reads) = StartHolding([.. indexes.Select(i => batch[i].CreatorId)]);
        IWindowHashBatch? pipeline = null;
        var writes = new List<(int Index, CreatorWindowState State, Task<RedisResult> Call)>();
        var deferred = new List<DeferredWrite>();
        var inPipeline = 0;
        long computing = 0;
        for (var p = 0; p < indexes.Count; p++)
        {
            var index = indexes[p];
            var creator = batch[index];
            var state = await HoldAsync(creator.CreatorId, held[p], reads[p], cancellationToken);
            var started = Stopwatch.GetTimestamp();
            var outcome = Apply(creator, state);
            round.Outcomes[index] = outcome;
            var decided = round.Decisions.Decide(index, outcome);
            var tooLate = TooLateEvents.Of(creator, outcome);
            if (decided.Count > 0 || tooLate is not null)
            {
                deferred.Add(new DeferredWrite(index, state, decided, tooLate, _changes.Copy()));
            }
            else
            {
                round.Signals[index] = PendingSignals.Of(state);
                if (!_changes.IsEmpty)
                {
                    pipeline ??= _hashes.CreateBatch();
                    writes.Add((index, state, pipeline.WriteAsync(creator.CreatorId, _changes, state.Version)));
                    if (++inPipeline == WritesPerFlush)
                    {
                        pipeline.Execute();
                        pipeline = null;
                        inPipeline = 0;
                    }
                }
            }

            _changes.Clear();
            computing += Stopwatch.GetTimestamp() - started;
        }

        pipeline?.Execute();
        _counters.AddComputeTicks(computing);
        if (writes.Count > 0)
        {
            _counters.AddRoundTrips(1);
        }

        if (deferred.Count > 0)
        {
            writes.AddRange(await WriteDeferredAsync(round, deferred, cancellationToken));
        }

        if (writes.Count == 0)
        {
            return [];
        }

        await Task.WhenAll(writes.Select(w => w.Call)).WaitAsync(cancellationToken);
        var refused = new List<int>();
        foreach (var (index, state, call) in writes)
        {
            if (!Settle(batch[index].CreatorId, state, call.Result))
            {
                refused.Add(index);
            }
        }

        _counters.AddConflicts(refused.Count);
        return refused;
    }

    /// <summary>Completes the held-back writes: evidence read, signals built and kept pending, too-late events dead-lettered, then written.</summary>
    private async Task<List<(int Index, CreatorWindowState State, Task<RedisResult> Call)>> WriteDeferredAsync(ApplyRound round, List<DeferredWrite> deferred, CancellationToken cancellationToken)
    {
        var evidence = await SignalEvidence.ReadAsync(_hashes, _options.EvidenceLimit, round, deferred, cancellationToken);
        _counters.AddRoundTrips(1);
        var tooLate = new List<TooLateEvent>();
        for (var d = 0; d < deferred.Count; d++)
        {
            var (index, state, decided, late, changes) = deferred[d];
            for (var f = 0; f < decided.Count; f++)
            {
                PendingSignals.Keep(state, decided[f], evidence[d][f], changes);
            }

            round.Signals[index] = PendingSignals.Of(state);
            if (late is not null)
            {
                tooLate.AddRange(late);
            }
        }

        if (tooLate.Count > 0)
        {
            await round.Decisions.DeadLetterAsync(tooLate, cancellationToken);
        }

        var pipeline = _hashes.CreateBatch();
        var writes = deferred
            .Where(d => !d.Changes.IsEmpty)
            .Select(d => (d.Index, d.State, pipeline.WriteAsync(round.Batch[d.Index].CreatorId, d.Changes, d.State.Version)))
            .ToList();
        pipeline.Execute();
        _counters.AddRoundTrips(1);
        return writes;
    }
}
