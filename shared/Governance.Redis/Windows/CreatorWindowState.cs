using Governance.Rules.Windows;

namespace Governance.Redis.Windows;

/// <summary>
/// One creator's window state as the worker holds it: loaded from the creator's Redis hash once,
/// updated in memory, and written back as the changed fields only (collected in a
/// <see cref="StateChanges"/>). Its <see cref="Version"/> is the hash's version when loaded or last
/// written: a write expecting another version is refused, because another worker has changed the
/// creator since. Collections are created on first use and keys, items and eventIds are kept as
/// 64-bit hashes: the worker holds many creators, and the garbage collector's work grows with the
/// objects they keep. Applying events is here; loading (<c>.Load.cs</c>), expiry (<c>.Expiry.cs</c>), the
/// keys of grouped rules (<c>.Keys.cs</c>) and signals with their cooldowns (<c>.Signals.cs</c>) have their files.
/// </summary>
internal sealed partial class CreatorWindowState
{
    private readonly WindowStoreOptions _options;
    private Dictionary<ulong, SeriesState>? _series;
    private Dictionary<ulong, DistinctState>? _distinct;
    private Dictionary<ulong, EvidenceRing>? _evidence;
    private Dictionary<ulong, StateShape>? _shapes;
    private Dictionary<ulong, HashSet<ulong>>? _families;
    private long? _sweptAt;
    private HashSet<ulong>? _seen;
    private Queue<(ulong EventId, long At)>? _seenOrder;
    private Dictionary<string, long>? _cooldowns;
    private Dictionary<int, long>? _offsets;
    private Dictionary<string, string>? _pending;
    private List<string>? _unreadable;
    private SourceTimes _watermarks;

    private CreatorWindowState(WindowStoreOptions options) => _options = options;

    /// <summary>The hash's version this state reflects (0: no hash).</summary>
    public long Version { get; set; }

    /// <summary>States of grouped rules dropped to keep within <see cref="WindowStoreOptions.MaxKeysPerRule"/> (since loaded).</summary>
    public long DroppedKeys { get; private set; }

    /// <summary>When the state was last used (for eviction from the cache).</summary>
    public long LastUsed { get; set; }

    /// <summary>Signals decided and written but not yet confirmed by the broker: signalId → message JSON.</summary>
    public IReadOnlyDictionary<string, string>? Pending => _pending;

    /// <summary>
    /// Skips what was applied before (offset at or below the stored one for its partition, or an eventId
    /// seen), reports events older than every window of their source as too late, applies the rest into
    /// <paramref name="changes"/>; the values after the event.
    /// </summary>
    public EventOutcome Apply(EventUpdates e, StateChanges changes)
    {
        if (_unreadable is not null)
        {
            _unreadable.ForEach(changes.Delete);
            _unreadable = null;
        }

        var at = e.OccurredAt.ToUnixTimeMilliseconds();
        var mark = _watermarks.Get(e.Source);
        var end = Math.Max(at, mark ?? at);
        var windowEnd = DateTimeOffset.FromUnixTimeMilliseconds(end);
        if (e.Position.IsKnown)
        {
            _offsets ??= [];
            if (_offsets.TryGetValue(e.Position.Partition, out var applied) && e.Position.Offset <= applied)
            {
                return new EventOutcome(EventStatus.Duplicate, [], windowEnd);
            }

            // Stored in the same write as the effects below: a redelivery of this offset applies nothing.
            _offsets[e.Position.Partition] = e.Position.Offset;
            changes.Set(StateFields.Offset(e.Position.Partition), e.Position.Offset);
        }

        var id = StateFields.Hash(e.EventId);
        if (_seen?.Contains(id) == true)
        {
            return new EventOutcome(EventStatus.Duplicate, [], windowEnd);
        }

        if (mark is { } m && e.Horizon > TimeSpan.Zero && at <= m - (long)e.Horizon.TotalMilliseconds)
        {
            return new EventOutcome(EventStatus.TooLate, [], windowEnd);
        }

        (_seen ??= []).Add(id);
        (_seenOrder ??= new()).Enqueue((id, at));
        changes.Set(StateFields.Seen(id), at);
        while (_seen.Count > _options.MaxSeenEventIds && _seenOrder.TryDequeue(out var oldest))
        {
            _seen.Remove(oldest.EventId);
            changes.Delete(StateFields.Seen(oldest.EventId));
        }

        if (mark is null || at > mark)
        {
            _watermarks.Set(e.Source, at);
            changes.Set(StateFields.Watermark(e.Source), at);
        }

        var values = new double[e.Updates.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var u = e.Updates[i];
            var windowMs = (long)u.Window.TotalMilliseconds;
            var key = StateFields.Hash(u.Key);
            var family = u.Family is null ? 0 : StateFields.Hash(u.Family);
            if (family != 0)
            {
                Admit(family, key, changes);
            }

            Shape(key, new StateShape(windowMs, u.Kind == UpdateKind.Series ? u.Buckets : 1, e.Source, family), changes);
            values[i] = u.Kind == UpdateKind.Series
                ? Series(key).Update(key, windowMs, u.Buckets, at, end, u.Delta, u.Apply, changes)
                : Distinct(key).Update(key, windowMs, u.Item, at, end, u.Apply, _options.MaxDistinctItems, changes);
            if (u.Apply && u.KeepEvidence && at > end - windowMs)
            {
                Evidence(key).Add(key, e.EventId, e.Type, at, changes);
            }

            changes.KeepFor(windowMs + 60_000);
        }

        return new EventOutcome(EventStatus.Applied, values, windowEnd);
    }

    private HashSet<ulong> Family(ulong family)
    {
        _families ??= [];
        if (!_families.TryGetValue(family, out var keys))
        {
            _families[family] = keys = [];
        }

        return keys;
    }

    private void Shape(ulong key, StateShape shape, StateChanges changes)
    {
        _shapes ??= [];
        if (!_shapes.TryGetValue(key, out var known) || known != shape)
        {
            _shapes[key] = shape;
            changes.Set(StateFields.Shape(key), shape.Format());
        }
    }

    private SeriesState Series(ulong key) => GetOrAdd(ref _series, key, static _ => new SeriesState());

    private DistinctState Distinct(ulong key) => GetOrAdd(ref _distinct, key, static _ => new DistinctState());

    private EvidenceRing Evidence(ulong key) => GetOrAdd(ref _evidence, key, static limit => new EvidenceRing(limit), _options.EvidenceLimit);

    private static T GetOrAdd<T>(ref Dictionary<ulong, T>? map, ulong key, Func<int, T> create, int argument = 0)
    {
        map ??= [];
        if (!map.TryGetValue(key, out var value))
        {
            value = create(argument);
            map[key] = value;
        }

        return value;
    }
}
