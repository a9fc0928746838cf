using StackExchange.Redis;

namespace Governance.Redis.Windows;

/// <summary>The fields of a creator's hash to set and to delete since the last write (coalesced per field).</summary>
internal sealed class StateChanges
{
    private const int LargeCapacity = 1024;
    private const int SmallCapacity = 64;
    private readonly Dictionary<string, RedisValue> _sets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deletes = new(StringComparer.Ordinal);

    public bool IsEmpty => _sets.Count == 0 && _deletes.Count == 0;

    /// <summary>Time to live the hash needs after this write (milliseconds).</summary>
    public long TimeToLive { get; private set; }

    public void Set(string field, RedisValue value)
    {
        _deletes.Remove(field);
        _sets[field] = value;
    }

    public void Delete(string field)
    {
        _sets.Remove(field);
        _deletes.Add(field);
    }

    /// <summary>A copy, for a write held back while its creator's signals are completed.</summary>
    public StateChanges Copy()
    {
        var copy = new StateChanges { TimeToLive = TimeToLive };
        foreach (var (field, value) in _sets)
        {
            copy._sets[field] = value;
        }

        copy._deletes.UnionWith(_deletes);
        return copy;
    }

    public void KeepFor(long milliseconds) => TimeToLive = Math.Max(TimeToLive, milliseconds);

    /// <summary>One creator's arguments of WriteScript.lua: expected version, TTL, counts, field/value pairs, deleted fields.</summary>
    public RedisValue[] ToArguments(long expectedVersion)
    {
        var args = new RedisValue[4 + (_sets.Count * 2) + _deletes.Count];
        args[0] = expectedVersion;
        args[1] = TimeToLive;
        args[2] = _sets.Count;
        args[3] = _deletes.Count;
        var i = 4;
        foreach (var (field, value) in _sets)
        {
            args[i++] = field;
            args[i++] = value;
        }

        foreach (var field in _deletes)
        {
            args[i++] = field;
        }

        return args;
    }

    /// <summary>Applies the changes to a hash held in memory (as WriteScript.lua does in Redis).</summary>
    public void ApplyTo(Dictionary<string, RedisValue> hash)
    {
        foreach (var (field, value) in _sets)
        {
            hash[field] = value;
        }

        foreach (var field in _deletes)
        {
            hash.Remove(field);
        }
    }

    public void Clear()
    {
        // Clear() costs the capacity, not the count: after one busy creator grew the buffers, clearing
        // them for each of the next few hundred small creators of a batch would cost more than the rest.
        if (_sets.EnsureCapacity(0) > LargeCapacity && _sets.Count < LargeCapacity / 4)
        {
            _sets.Clear();
            _sets.TrimExcess(SmallCapacity);
        }
        else
        {
            _sets.Clear();
        }

        if (_deletes.EnsureCapacity(0) > LargeCapacity && _deletes.Count < LargeCapacity / 4)
        {
            _deletes.Clear();
            _deletes.TrimExcess();
        }
        else
        {
            _deletes.Clear();
        }

        TimeToLive = 0;
    }
}
