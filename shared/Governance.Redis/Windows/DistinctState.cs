namespace Governance.Redis.Windows;

/// <summary>Exact distinct count over a window: item → when it was last seen.</summary>
internal sealed class DistinctState
{
    private readonly Dictionary<string, long> _items = new(StringComparer.Ordinal);
    private long _oldest = long.MaxValue;

    /// <summary>Adds an item read from Redis.</summary>
    public void Load(string item, long lastSeen)
    {
        _items[item] = lastSeen;
        _oldest = Math.Min(_oldest, lastSeen);
    }

    /// <summary>Counts <paramref name="item"/> at <paramref name="at"/> when applied, forgets items last seen at or before end − window, returns the count.</summary>
    public int Update(string key, long windowMs, string? item, long at, long end, bool apply, StateChanges changes)
    {
        var from = end - windowMs;
        if (apply && item is not null && at > from && (!_items.TryGetValue(item, out var seen) || seen < at))
        {
            _items[item] = at;
            _oldest = Math.Min(_oldest, at);
            changes.Set(StateFields.Item(key, item), at);
        }

        if (_oldest <= from)
        {
            // _oldest may be older than the oldest item (an item seen again moves on): then this pass
            // finds nothing to drop and only recomputes it.
            _oldest = long.MaxValue;
            foreach (var (name, lastSeen) in _items)
            {
                if (lastSeen <= from)
                {
                    _items.Remove(name);
                    changes.Delete(StateFields.Item(key, name));
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
