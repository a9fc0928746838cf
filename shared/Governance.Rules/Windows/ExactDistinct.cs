namespace Governance.Rules.Windows;

/// <summary>An exact sliding distinct count: each item's last time, ordered so expired items leave in order.</summary>
internal sealed class ExactDistinct(TimeSpan window)
{
    private readonly Dictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset Time, string Item)> _byTime = new();

    public double Add(string? item, DateTimeOffset at, DateTimeOffset end, bool apply)
    {
        var from = end - window;
        while (_byTime.Count > 0 && _byTime.Min.Time <= from)
        {
            _last.Remove(_byTime.Min.Item);
            _byTime.Remove(_byTime.Min);
        }

        if (apply && item is not null && at > from)
        {
            if (_last.TryGetValue(item, out var previous))
            {
                if (previous >= at)
                {
                    return _last.Count;
                }

                _byTime.Remove((previous, item));
            }

            _last[item] = at;
            _byTime.Add((at, item));
        }

        return _last.Count;
    }
}
