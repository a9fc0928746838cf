namespace Governance.Redis.Windows;

/// <summary>Exact distinct count over a window: item (its 64-bit hash) → when it was last seen.</summary>
internal sealed class DistinctState
{
    private readonly Dictionary<ulong, long> _items = [];
    private long _oldest = long.MaxValue;

    /// <summary>True when no item is left (the state can be forgotten).</summary>
    public bool IsEmpty => _items.Count == 0;

    /// <summary>Adds an item read from Redis.</summary>
    public void Load(ulong item, long lastSeen)
    {
        _items[item] = lastSeen;
        _oldest = Math.Min(_oldest, lastSeen);
    }

    /// <summary>Counts <paramref name="item"/> at <paramref name="at"/> when applied, forgets items last seen at or before end − window, returns the count.</summary>
    public int Update(ulong key, long windowMs, string? item, long at, long end, bool apply, StateChanges changes)
    {
        var from = end - windowMs;
        if (apply && item is not null && at > from)
        {
            var hash = StateFields.Hash(item);
            if (!_items.TryGetValue(hash, out var seen) || seen < at)
            {
                _items[hash] = at;
                _oldest = Math.Min(_oldest, at);
                changes.Set(StateFields.Item(key, hash), at);
            }
        }

        if (_oldest <= from)
        {
            // _oldest may be older than the oldest item (an item seen again moves on): then this pass
            // finds nothing to drop and only recomputes it.
            _oldest = long.MaxValue;
            foreach (var (hash, lastSeen) in _items)
            {
                if (lastSeen <= from)
                {
                    _items.Remove(hash);
                    changes.Delete(StateFields.Item(key, hash));
                }
                else
                {
                    _oldest = Math.Min(_oldest, lastSeen);
                }
            }
        }

        return _items.Count;
    }
}
