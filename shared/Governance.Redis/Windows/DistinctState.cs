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

    /// <summary>Items held.</summary>
    public int Count => _items.Count;

    /// <summary>When an item was last seen (ms), the latest.</summary>
    public long LastActivity => _items.Count == 0 ? long.MinValue : _items.Values.Max();

    /// <summary>
    /// Counts <paramref name="item"/> at <paramref name="at"/> when applied (past <paramref name="maxItems"/>,
    /// the tenth last seen longest ago is dropped first), forgets items last seen at or before
    /// end − window, returns the count.
    /// </summary>
    public int Update(ulong key, long windowMs, string? item, long at, long end, bool apply, int maxItems, StateChanges changes)
    {
        var from = end - windowMs;
        if (apply && item is not null && at > from)
        {
            var hash = StateFields.Hash(item);
            var known = _items.TryGetValue(hash, out var seen);
            if (!known && _items.Count >= maxItems)
            {
                Trim(key, Math.Max(1, _items.Count / 10), changes);
            }

            if (!known || seen < at)
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

    /// <summary>Deletes every item's field (the state is dropped).</summary>
    public void DeleteAll(ulong key, StateChanges changes)
    {
        foreach (var hash in _items.Keys)
        {
            changes.Delete(StateFields.Item(key, hash));
        }
    }

    private void Trim(ulong key, int count, StateChanges changes)
    {
        foreach (var (hash, _) in _items.OrderBy(i => i.Value).ThenBy(i => i.Key).Take(count).ToList())
        {
            _items.Remove(hash);
            changes.Delete(StateFields.Item(key, hash));
        }

        _oldest = _items.Count == 0 ? long.MaxValue : _items.Values.Min();
    }
}
