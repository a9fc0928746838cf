using System.Globalization;
using Governance.Contracts;
using Governance.Rules.Windows;
using StackExchange.Redis;

namespace Governance.Redis.Windows;

/// <summary>
/// One creator's window state as the worker holds it: loaded from the creator's Redis hash once,
/// updated in memory, and written back as the changed fields only (<see cref="Changes"/>). Its
/// <see cref="Version"/> is the hash's version when loaded or last written: a write expecting another
/// version is refused, because another worker has changed the creator since.
/// </summary>
internal sealed class CreatorWindowState
{
    private readonly Dictionary<string, SeriesState> _series = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DistinctState> _distinct = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EvidenceRing> _evidence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string EventId, long At)> _seenOrder = new();
    private readonly Dictionary<string, long> _cooldowns = new(StringComparer.Ordinal);
    private readonly int _evidenceLimit;
    private long? _watermark;
    private long? _firstSeen;

    private CreatorWindowState(int evidenceLimit) => _evidenceLimit = evidenceLimit;

    /// <summary>Fields to write.</summary>
    public StateChanges Changes { get; } = new();

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
        var seen = new List<(string, long)>();
        foreach (var entry in fields)
        {
            var name = (string)entry.Name!;
            if (!state.LoadField(name, entry.Value, seen))
            {
                state.Changes.Delete(name);
            }
        }

        foreach (var item in seen.OrderBy(s => s.Item2))
        {
            state._seenOrder.Enqueue(item);
        }

        return state;
    }

    /// <summary>Dedups, drops late events, applies the updates; the values after the event.</summary>
    public EventOutcome Apply(EventUpdates e, WindowStoreOptions options)
    {
        var at = e.OccurredAt.ToUnixTimeMilliseconds();
        var lateness = (long)options.AllowedLateness.TotalMilliseconds;
        var duplicate = _seen.ContainsKey(e.EventId);
        if (!duplicate && _watermark is { } mark && at < mark - lateness)
        {
            return new EventOutcome(EventStatus.Late, [], DateTimeOffset.FromUnixTimeMilliseconds(mark));
        }

        if (!duplicate)
        {
            _seen[e.EventId] = at;
            _seenOrder.Enqueue((e.EventId, at));
            Changes.Set(StateFields.Seen(e.EventId), at);
            if (_watermark is not { } w || at > w)
            {
                _watermark = at;
                Changes.Set(StateFields.Watermark, at);
            }

            if (_firstSeen is not { } first || at < first)
            {
                _firstSeen = at;
                Changes.Set(StateFields.FirstSeen, at);
            }
        }

        var end = Math.Max(at, _watermark ?? at);
        var values = new double[e.Updates.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var u = e.Updates[i];
            var windowMs = (long)u.Window.TotalMilliseconds;
            var apply = u.Apply && !duplicate;
            values[i] = u.Kind == UpdateKind.Series
                ? Series(u.Key).Update(u.Key, windowMs, u.Buckets, at, end, u.Delta, apply, Changes)
                : Distinct(u.Key).Update(u.Key, windowMs, u.Item, at, end, apply, Changes);
            if (apply && u.KeepEvidence && at > end - windowMs)
            {
                Evidence(u.Key).Add(u.Key, e.EventId, e.Type, at, Changes);
            }

            Changes.KeepFor(windowMs + lateness + 60_000);
        }

        return new EventOutcome(duplicate ? EventStatus.Duplicate : EventStatus.Applied, values, DateTimeOffset.FromUnixTimeMilliseconds(end));
    }

    /// <summary>Forgets eventIds older (event time) than the watermark minus <paramref name="horizon"/>.</summary>
    public void ForgetSeen(TimeSpan horizon)
    {
        if (_watermark is not { } mark)
        {
            return;
        }

        var before = mark - (long)horizon.TotalMilliseconds;
        while (_seenOrder.TryPeek(out var oldest) && oldest.At < before)
        {
            _seenOrder.Dequeue();
            _seen.Remove(oldest.EventId);
            Changes.Delete(StateFields.Seen(oldest.EventId));
        }

        Changes.KeepFor((long)horizon.TotalMilliseconds + 60_000);
    }

    /// <summary>Until when each of <paramref name="rules"/> is cooling down (those that are).</summary>
    public Dictionary<string, DateTimeOffset> CoolingDown(IReadOnlyList<string> rules)
    {
        var cooling = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (_cooldowns.TryGetValue(rule, out var until))
            {
                cooling[rule] = DateTimeOffset.FromUnixTimeMilliseconds(until);
            }
        }

        return cooling;
    }

    /// <summary>Raises a cooldown (never shortens it).</summary>
    public void RaiseCooldown(string ruleId, long until)
    {
        if (!_cooldowns.TryGetValue(ruleId, out var current) || current < until)
        {
            _cooldowns[ruleId] = until;
        }
    }

    /// <summary>Kept evidence of a state inside (end − window, end], newest first.</summary>
    public IReadOnlyList<EvidenceItem> EvidenceWithin(string key, TimeSpan window, DateTimeOffset end) =>
        _evidence.TryGetValue(key, out var ring) ? ring.Within((long)window.TotalMilliseconds, end.ToUnixTimeMilliseconds()) : [];

    private bool LoadField(string name, RedisValue value, List<(string, long)> seen)
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
            case 'i':
                seen.Add((name[1..], (long)value));
                _seen[name[1..]] = (long)value;
                return true;
            case 'c':
                _cooldowns[name[1..]] = (long)value;
                return true;
        }

        if (!StateFields.TryParseKeyed(name, out var key, out var rest))
        {
            return false;
        }

        switch (name[0])
        {
            case 's' when long.TryParse(rest, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bucket):
                Series(key).Load(bucket, (double)value);
                return true;
            case 'd':
                Distinct(key).Load(rest, (long)value);
                return true;
            case 'e' when int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var slot):
                return Evidence(key).Load(slot, (string)value!);
            default:
                return false;
        }
    }

    private SeriesState Series(string key) => GetOrAdd(_series, key, static _ => new SeriesState());

    private DistinctState Distinct(string key) => GetOrAdd(_distinct, key, static _ => new DistinctState());

    private EvidenceRing Evidence(string key) => GetOrAdd(_evidence, key, limit => new EvidenceRing(limit), _evidenceLimit);

    private static T GetOrAdd<T>(Dictionary<string, T> map, string key, Func<int, T> create, int argument = 0)
    {
        if (!map.TryGetValue(key, out var value))
        {
            value = create(argument);
            map[key] = value;
        }

        return value;
    }
}
