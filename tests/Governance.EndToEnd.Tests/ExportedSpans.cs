using System.Collections;
using System.Diagnostics;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// Where the in-memory exporter puts finished spans. Spans end on many threads: every access is locked,
/// and the test reads snapshots.
/// </summary>
internal sealed class ExportedSpans : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];

    public int Count
    {
        get
        {
            lock (_spans)
            {
                return _spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public void Add(Activity item)
    {
        lock (_spans)
        {
            _spans.Add(item);
        }
    }

    /// <summary>The spans of one trace, once <paramref name="until"/> holds for them or the timeout passed.</summary>
    public async Task<List<Activity>> WaitForTraceAsync(ActivityTraceId traceId, Func<IReadOnlyList<Activity>, bool> until, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var spans = Snapshot().Where(s => s.TraceId == traceId).ToList();
            if (until(spans) || clock.Elapsed > timeout)
            {
                return spans;
            }

            await Task.Delay(100);
        }
    }

    public List<Activity> Snapshot()
    {
        lock (_spans)
        {
            return [.. _spans];
        }
    }

    public void Clear()
    {
        lock (_spans)
        {
            _spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (_spans)
        {
            return _spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

    public bool Remove(Activity item)
    {
        lock (_spans)
        {
            return _spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
