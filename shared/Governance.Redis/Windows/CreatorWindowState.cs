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
    private readonly int _evidenceLimit;
    private Dictionary<ulong, SeriesState>? _series;
    private Dictionary<ulong, DistinctState>? _distinct;
    private Dictionary<ulong, EvidenceRing>? _evidence;
    private HashSet<ulong>? _seen;
    private Queue<(ulong EventId, long At)>? _seenOrder;
    private Dictionary<string, long>? _cooldowns;
    private List<string>? _unreadable;
    private long? _watermark;
    private long? _firstSeen;

    private CreatorWindowState(int evidenceLimit) => _evidenceLimit = evidenceLimit;

    /// <summary>The hash's version this state reflects (0: no hash).</summary>
    public long Version { get; set; }

    /// <summary>When the state was last used (for eviction from the cache).</summary>
    public long LastUsed { get; set; }

    /// <summary>Earliest event time counted for the creator.</summary>
    public DateTimeOffset? FirstSeen => _firstSeen is { } fs ? DateTimeOffset.FromUnixTimeMilliseconds(fs) : null;

    /// <summary>Rebuilds the state from the hash's fields; unreadable fields are dropped with the next write.</summary>
    public static CreatorWindowState Load(HashEntry[] fields, int evidenceLimit)
    {
        var state = new CreatorWindowState(evidenceLimit);
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

        return state;
    }

    /// <summary>Dedups, drops late events, applies the updates into <paramref name="changes"/>; the values after the event.</summary>
    public EventOutcome Apply(EventUpdates e, WindowStoreOptions options, StateChanges changes)
    {
        if (_unreadable is not null)
        {
            _unreadable.ForEach(changes.Delete);
            _unreadable = null;
        }

        var at = e.OccurredAt.ToUnixTimeMilliseconds();
        var lateness = (long)options.AllowedLateness.TotalMilliseconds;
        var id = StateFields.Hash(e.EventId);
        var duplicate = _seen?.Contains(id) == true;
        if (!duplicate && _watermark is { } mark && at < mark - lateness)
        {
            return new EventOutcome(EventStatus.Late, [], DateTimeOffset.FromUnixTimeMilliseconds(mark));
        }

        if (!duplicate)
        {
            (_seen ??= []).Add(id);
            (_seenOrder ??= new()).Enqueue((id, at));
            changes.Set(StateFields.Seen(id), at);
            if (_watermark is not { } w || at > w)
            {
                _watermark = at;
                changes.Set(StateFields.Watermark, at);
            }

            if (_firstSeen is not { } first || at < first)
            {
                _firstSeen = at;
                changes.Set(StateFields.FirstSeen, at);
            }
        }

        var end = Math.Max(at, _watermark ?? at);
        var values = new double[e.Updates.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var u = e.Updates[i];
            var windowMs = (long)u.Window.TotalMilliseconds;
            var apply = u.Apply && !duplicate;
            var key = StateFields.Hash(u.Key);
            values[i] = u.Kind == UpdateKind.Series
                ? Series(key).Update(key, windowMs, u.Buckets, at, end, u.Delta, apply, changes)
                : Distinct(key).Update(key, windowMs, u.Item, at, end, apply, changes);
            if (apply && u.KeepEvidence && at > end - windowMs)
            {
                Evidence(key).Add(key, e.EventId, e.Type, at, changes);
            }

            changes.KeepFor(windowMs + lateness + 60_000);
        }

        return new EventOutcome(duplicate ? EventStatus.Duplicate : EventStatus.Applied, values, DateTimeOffset.FromUnixTimeMilliseconds(end));
    }

    /// <summary>Forgets eventIds older (event time) than the watermark minus <paramref name="horizon"/>.</summary>
    public void ForgetSeen(TimeSpan horizon, StateChanges changes)
    {
        changes.KeepFor((long)horizon.TotalMilliseconds + 60_000);
        if (_watermark is not { } mark || _seenOrder is null)
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

    /// <summary>The fields holding a state's evidence inside (end − window, end].</summary>
    public RedisValue[] EvidenceFields(string key, TimeSpan window, DateTimeOffset end)
    {
        var hash = StateFields.Hash(key);
        return _evidence is not null && _evidence.TryGetValue(hash, out var ring)
            ? [.. ring.FieldsWithin(hash, (long)window.TotalMilliseconds, end.ToUnixTimeMilliseconds())]
            : [];
    }

    private bool LoadField(string name, RedisValue value, List<(ulong, long)> seen)
    {
        switch (name)
        {
            case StateFields.Version:
                Version = (long)value;
                return true;
            case StateFields.Watermark:
                _watermark = (long)value;
                return true;
            case StateFields.FirstSeen:
                _firstSeen = (long)value;
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
            default:
                return false;
        }
    }

    private SeriesState Series(ulong key) => GetOrAdd(ref _series, key, static _ => new SeriesState());

    private DistinctState Distinct(ulong key) => GetOrAdd(ref _distinct, key, static _ => new DistinctState());

    private EvidenceRing Evidence(ulong key) => GetOrAdd(ref _evidence, key, static limit => new EvidenceRing(limit), _evidenceLimit);

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
