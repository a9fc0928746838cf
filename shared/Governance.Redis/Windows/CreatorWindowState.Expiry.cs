namespace Governance.Redis.Windows;

/// <summary>Expiry: states of keys not seen again and eventIds past the dedup horizon are forgotten as event time moves on.</summary>
internal sealed partial class CreatorWindowState
{
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
}
