namespace Governance.Redis.Windows;

/// <summary>
/// The creators' states a worker holds, bounded: past <c>capacity</c> the least recently used are
/// dropped. Dropping is always safe (every change is already in Redis); it only costs a reload.
/// </summary>
internal sealed class CreatorStateCache(int capacity)
{
    private readonly Dictionary<string, CreatorWindowState> _states = new(StringComparer.Ordinal);
    private long _clock;

    public int Count => _states.Count;

    /// <summary>Starts a new use (a batch): states touched from now on are kept by the next trim.</summary>
    public long Tick() => ++_clock;

    public bool TryGet(string creatorId, out CreatorWindowState state)
    {
        if (_states.TryGetValue(creatorId, out state!))
        {
            state.LastUsed = _clock;
            return true;
        }

        return false;
    }

    public void Set(string creatorId, CreatorWindowState state)
    {
        state.LastUsed = _clock;
        _states[creatorId] = state;
    }

    public void Remove(string creatorId) => _states.Remove(creatorId);

    public void Clear() => _states.Clear();

    /// <summary>Drops the least recently used states beyond the capacity (a tenth more, so trims are rare), never those of the current use.</summary>
    public void Trim()
    {
        if (_states.Count <= capacity)
        {
            return;
        }

        var excess = _states.Count - capacity + (capacity / 10);
        foreach (var (creatorId, _) in _states.Where(s => s.Value.LastUsed < _clock).OrderBy(s => s.Value.LastUsed).Take(excess).ToList())
        {
            _states.Remove(creatorId);
        }
    }
}
