using System.Globalization;
using Governance.Contracts;
using Governance.Rules.Windows;
using StackExchange.Redis;

namespace Governance.Redis.Windows;

/// <summary>
/// One creator's window state as the worker holds it: loaded from the creator's Redis hash once,
/// updated in memory, and written back as the changed fields only (collected in a
/// <see cref="StateChanges"/>). Its <see cref="Version"/> is the hash's version when loaded or last
/// written: a write expecting another version is refused, because another worker has changed the
/// creator since. Collections are created on first use and keys, items and eventIds are kept as
/// 64-bit hashes: the worker holds many creators, and the garbage collector's work grows with the
/// objects they keep.
/// </summary>
internal sealed class CreatorWindowState
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
    private SourceTimes _firstSeen;

    private CreatorWindowState(WindowStoreOptions options) => _options = options;

    /// <summary>The hash's version this state reflects (0: no hash).</summary>
    public long Version { get; set; }

    /// <summary>States of grouped rules dropped to keep within <see cref="WindowStoreOptions.MaxKeysPerRule"/> (since loaded).</summary>
    public long DroppedKeys { get; private set; }

    /// <summary>When the state was last used (for eviction from the cache).</summary>
    public long LastUsed { get; set; }

    /// <summary>Per source, the earliest event time counted for the creator.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> FirstSeen => _firstSeen.ToDictionary();

    /// <summary>Signals decided and written but not yet confirmed by the broker: signalId → message JSON.</summary>
    public IReadOnlyDictionary<string, string>? Pending => _pending;

    /// <summary>Rebuilds the state from the hash's fields; unreadable fields are dropped with the next write.</summary>
    public static CreatorWindowState Load(HashEntry[] fields, WindowStoreOptions options)
    {
        var state = new CreatorWindowState(options);
        var seen = new List<(ulong, long)>();
        foreach (var entry in fields)
        {
            var name = (string)entry.Name!;
            if (!state.LoadField(name, entry.Value, seen))
            {
                (state._unreadable ??= []).Add(name);
            }
        }

        foreach (var item in seen.OrderBy(s => s.Item2))
        {
            (state._seenOrder ??= new()).Enqueue(item);
        }

        foreach (var (key, shape) in state._shapes ?? [])
        {
            if (shape.Family != 0)
            {
                state.Family(shape.Family).Add(key);
            }
        }

        return state;
    }

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

        if (_firstSeen.Get(e.Source) is not { } first || at < first)
        {
            _firstSeen.Set(e.Source, at);
            changes.Set(StateFields.FirstSeen(e.Source), at);
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

    /// <summary>
    /// Advances every state to its source's watermark, at most once per <paramref name="everyMs"/> of
    /// event time, and forgets those left empty (with their evidence and shape): per-key states of
    /// keys not seen again expire with their window while the creator stays busy.
    /// </summary>
    public void Sweep(long everyMs, StateChanges changes)
    {
        if (_shapes is null || _watermarks.Latest is not { } latest || latest < _sweptAt + everyMs)
        {
            return;
        }

        _sweptAt = latest;
        List<ulong>? empty = null;
        foreach (var (key, shape) in _shapes)
        {
            if (_watermarks.Get(shape.Source) is not { } end)
            {
                continue;
            }

            bool gone;
            if (_series is not null && _series.TryGetValue(key, out var series))
            {
                series.Update(key, shape.WindowMs, shape.Buckets, end, end, 0, apply: false, changes);
                gone = series.IsEmpty;
            }
            else
            {
                gone = _distinct is null || !_distinct.TryGetValue(key, out var distinct) || distinct.Update(key, shape.WindowMs, null, end, end, apply: false, _options.MaxDistinctItems, changes) == 0;
            }

            if (gone)
            {
                (empty ??= []).Add(key);
            }
        }

        foreach (var key in empty ?? [])
        {
            Drop(key, changes);
        }
    }

    /// <summary>Keeps a decided signal as pending (written with the state) until the broker confirms it.</summary>
    public void AddPending(string signalId, string message, StateChanges changes)
    {
        (_pending ??= new(StringComparer.Ordinal))[signalId] = message;
        changes.Set(StateFields.Pending(signalId), message);
    }

    /// <summary>Forgets a pending signal the broker confirmed (its field is deleted by the caller).</summary>
    public void Confirmed(string signalId) => _pending?.Remove(signalId);

    /// <summary>Forgets eventIds older (event time) than the latest watermark minus <paramref name="horizon"/>.</summary>
    public void ForgetSeen(TimeSpan horizon, StateChanges changes)
    {
        changes.KeepFor((long)horizon.TotalMilliseconds + 60_000);
        if (_watermarks.Latest is not { } mark || _seenOrder is null)
        {
            return;
        }

        var before = mark - (long)horizon.TotalMilliseconds;
        while (_seenOrder.TryPeek(out var oldest) && oldest.At < before)
        {
            _seenOrder.Dequeue();
            _seen?.Remove(oldest.EventId);
            changes.Delete(StateFields.Seen(oldest.EventId));
        }
    }

    /// <summary>Until when each of <paramref name="rules"/> is cooling down (those that are).</summary>
    public Dictionary<string, DateTimeOffset> CoolingDown(IReadOnlyList<string> rules)
    {
        var cooling = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (_cooldowns is not null && _cooldowns.TryGetValue(rule, out var until))
            {
                cooling[rule] = DateTimeOffset.FromUnixTimeMilliseconds(until);
            }
        }

        return cooling;
    }

    /// <summary>Raises a cooldown (never shortens it).</summary>
    public void RaiseCooldown(string ruleId, long until)
    {
        _cooldowns ??= new(StringComparer.Ordinal);
        if (!_cooldowns.TryGetValue(ruleId, out var current) || current < until)
        {
            _cooldowns[ruleId] = until;
        }
    }

    private bool LoadField(string name, RedisValue value, List<(ulong, long)> seen)
    {
        switch (name)
        {
            case StateFields.Version:
                Version = (long)value;
                return true;
        }

        if (name.Length < 2)
        {
            return false;
        }

        switch (name[0])
        {
            case 'c':
                RaiseCooldown(name[1..], (long)value);
                return true;
            case 'o' when int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var partition):
                (_offsets ??= [])[partition] = (long)value;
                return true;
            case 'p':
                (_pending ??= new(StringComparer.Ordinal))[name[1..]] = (string)value!;
                return true;
            case 'w' when name[1] == ':':
                return _watermarks.Load(name[2..], (long)value);
            case 'f' when name[1] == ':':
                return _firstSeen.Load(name[2..], (long)value);
        }

        if (!StateFields.TryParseHashed(name, out var key, out var rest))
        {
            return false;
        }

        switch (name[0])
        {
            case 'i' when rest.Length == 0:
                seen.Add((key, (long)value));
                (_seen ??= []).Add(key);
                return true;
            case 's' when long.TryParse(rest, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bucket):
                Series(key).Load(bucket, (double)value);
                return true;
            case 'd' when ulong.TryParse(rest, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var item):
                Distinct(key).Load(item, (long)value);
                return true;
            case 'e' when int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var slot):
                return Evidence(key).Load(slot, (string)value!);
            case 'm' when rest.Length == 0 && StateShape.TryParse(value, out var shape):
                (_shapes ??= [])[key] = shape;
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Counts a grouped rule's key among its rule's keys; a new key past <see cref="WindowStoreOptions.MaxKeysPerRule"/>
    /// first drops the tenth of the rule's keys with the lowest value, then the least recent activity
    /// (then the key's hash: the same input drops the same keys, however it is batched or reloaded).
    /// </summary>
    private void Admit(ulong family, ulong key, StateChanges changes)
    {
        var keys = Family(family);
        if (keys.Contains(key))
        {
            return;
        }

        if (keys.Count >= _options.MaxKeysPerRule)
        {
            var dropped = keys
                .Select(k => (Key: k, Value: Value(k), Activity: Activity(k)))
                .OrderBy(k => k.Value).ThenBy(k => k.Activity).ThenBy(k => k.Key)
                .Take(Math.Max(1, keys.Count / 10))
                .Select(k => k.Key)
                .ToList();
            foreach (var k in dropped)
            {
                Drop(k, changes);
            }

            DroppedKeys += dropped.Count;
        }

        keys.Add(key);
    }

    private double Value(ulong key) =>
        _series is not null && _series.TryGetValue(key, out var series) ? series.Total
        : _distinct is not null && _distinct.TryGetValue(key, out var distinct) ? distinct.Count
        : 0;

    private long Activity(ulong key) =>
        _series is not null && _series.TryGetValue(key, out var series) ? series.LastActivity
        : _distinct is not null && _distinct.TryGetValue(key, out var distinct) ? distinct.LastActivity
        : long.MinValue;

    /// <summary>Forgets a state: its values, evidence and shape, and its place among its rule's keys.</summary>
    private void Drop(ulong key, StateChanges changes)
    {
        if (_series is not null && _series.Remove(key, out var series))
        {
            series.DeleteAll(key, changes);
        }

        if (_distinct is not null && _distinct.Remove(key, out var distinct))
        {
            distinct.DeleteAll(key, changes);
        }

        if (_shapes is not null && _shapes.Remove(key, out var shape))
        {
            changes.Delete(StateFields.Shape(key));
            if (shape.Family != 0 && _families is not null && _families.TryGetValue(shape.Family, out var keys))
            {
                keys.Remove(key);
            }
        }

        if (_evidence is not null && _evidence.Remove(key, out var ring))
        {
            foreach (var field in ring.AllFields(key))
            {
                changes.Delete(field);
            }
        }
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
