namespace Governance.Redis.Windows;

/// <summary>
/// A series over a window kept in <c>n</c> buckets of width window / n, with a running total. Buckets
/// at or below the highest bucket minus n are dropped, so the value covers between window − width and
/// the whole window (docs/windows.md states the bound; a property test checks it).
/// </summary>
internal sealed class SeriesState
{
    private readonly Dictionary<long, double> _buckets = [];
    private long? _highest;
    private double _total;
    private bool _ready;

    /// <summary>Adds a bucket read from Redis (before the first update).</summary>
    public void Load(long bucket, double value) => _buckets[bucket] = value;

    /// <summary>Advances the window to <paramref name="end"/>, adds <paramref name="delta"/> at <paramref name="at"/> when applied, returns the total.</summary>
    public double Update(string key, long windowMs, int buckets, long at, long end, double delta, bool apply, StateChanges changes)
    {
        var width = (double)windowMs / buckets;
        var current = (long)Math.Floor(end / width);
        if (!_ready)
        {
            // The highest bucket is not stored: the largest one present is as good, because the next
            // advance (to the watermark's bucket) drops the same buckets either way.
            _highest = _buckets.Count > 0 ? _buckets.Keys.Max() : null;
            _ready = true;
            if (_highest is { } highest)
            {
                Drop(key, highest - buckets, changes);
            }

            _total = _buckets.Values.Sum();
        }

        if (_highest is not { } hi || current > hi)
        {
            if (_highest is not null)
            {
                Drop(key, current - buckets, changes);
            }

            _highest = hi = current;
        }

        var bucket = (long)Math.Floor(at / width);
        if (apply && bucket > hi - buckets && bucket <= hi)
        {
            var value = _buckets.GetValueOrDefault(bucket) + delta;
            _buckets[bucket] = value;
            _total += delta;
            changes.Set(StateFields.Bucket(key, bucket), value);
        }

        if (Math.Abs(_total) < 1e-9)
        {
            _total = 0;
        }

        return _total;
    }

    private void Drop(string key, long atOrBelow, StateChanges changes)
    {
        foreach (var (bucket, value) in _buckets)
        {
            if (bucket <= atOrBelow)
            {
                _buckets.Remove(bucket);
                _total -= value;
                changes.Delete(StateFields.Bucket(key, bucket));
            }
        }
    }
}
