namespace Governance.Redis.Windows;

/// <summary>
/// A series over a window kept in <c>n</c> buckets of width window / n, with a running total. Buckets
/// at or below the highest bucket minus n are dropped, so the value covers between window − width and
/// the whole window (docs/windows.md states the bound; a property test checks it). The buckets are two
/// small array, not a dictionary: a worker holds millions of series, most with one or two buckets,
/// and their size is what its garbage collector pays for.
/// </summary>
internal sealed class SeriesState
{
    private Bucket[] _buckets = new Bucket[1];
    private int _count;
    private long? _highest;
    private double _total;
    private bool _ready;

    /// <summary>True when no bucket is left (the state can be forgotten).</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>Adds a bucket read from Redis (before the first update).</summary>
    public void Load(long bucket, double value)
    {
        var i = IndexOf(bucket);
        if (i >= 0)
        {
            _buckets[i].Value = value;
        }
        else
        {
            Append(bucket, value);
        }
    }

    /// <summary>Advances the window to <paramref name="end"/>, adds <paramref name="delta"/> at <paramref name="at"/> when applied, returns the total.</summary>
    public double Update(ulong key, long windowMs, int buckets, long at, long end, double delta, bool apply, StateChanges changes)
    {
        var width = (double)windowMs / buckets;
        var current = (long)Math.Floor(end / width);
        if (!_ready)
        {
            // The highest bucket is not stored: the largest one present is as good, because the next
            // advance (to the watermark's bucket) drops the same buckets either way.
            _ready = true;
            _total = 0;
            for (var i = 0; i < _count; i++)
            {
                _highest = Math.Max(_highest ?? long.MinValue, _buckets[i].Id);
                _total += _buckets[i].Value;
            }

            if (_highest is { } highest)
            {
                Drop(key, highest - buckets, changes);
            }
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
            var i = IndexOf(bucket);
            if (i < 0)
            {
                i = Append(bucket, 0);
            }

            _buckets[i].Value += delta;
            _total += delta;
            changes.Set(StateFields.Bucket(key, bucket), _buckets[i].Value);
        }

        if (Math.Abs(_total) < 1e-9)
        {
            _total = 0;
        }

        return _total;
    }

    /// <summary>The sum of the buckets held (before the first update after a load too).</summary>
    public double Total
    {
        get
        {
            if (_ready)
            {
                return _total;
            }

            var total = 0.0;
            for (var i = 0; i < _count; i++)
            {
                total += _buckets[i].Value;
            }

            return total;
        }
    }

    /// <summary>The latest bucket holding something (its number), for ranking states by recent activity.</summary>
    public long LastActivity
    {
        get
        {
            var last = long.MinValue;
            for (var i = 0; i < _count; i++)
            {
                last = Math.Max(last, _buckets[i].Id);
            }

            return last;
        }
    }

    /// <summary>Deletes every bucket's field (the state is dropped).</summary>
    public void DeleteAll(ulong key, StateChanges changes)
    {
        for (var i = 0; i < _count; i++)
        {
            changes.Delete(StateFields.Bucket(key, _buckets[i].Id));
        }
    }

    private int IndexOf(long bucket)
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            if (_buckets[i].Id == bucket)
            {
                return i;
            }
        }

        return -1;
    }

    private int Append(long bucket, double value)
    {
        if (_count == _buckets.Length)
        {
            Array.Resize(ref _buckets, _count * 2);
        }

        _buckets[_count] = new Bucket { Id = bucket, Value = value };
        return _count++;
    }

    private void Drop(ulong key, long atOrBelow, StateChanges changes)
    {
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_buckets[i].Id <= atOrBelow)
            {
                _total -= _buckets[i].Value;
                changes.Delete(StateFields.Bucket(key, _buckets[i].Id));
            }
            else
            {
                _buckets[kept++] = _buckets[i];
            }
        }

        _count = kept;
    }

    private struct Bucket
    {
        public long Id;
        public double Value;
    }
}
