using Governance.Rules.Windows;

namespace Governance.Redis.Windows;

/// <summary>The keys of grouped rules: each rule keeps at most <see cref="WindowStoreOptions.MaxKeysPerRule"/> per creator.</summary>
internal sealed partial class CreatorWindowState
{
    /// <summary>
    /// Counts a grouped rule's key among its rule's keys; a new key past <see cref="WindowStoreOptions.MaxKeysPerRule"/>
    /// first drops the tenth of the rule's keys with the lowest value, then the least recent activity
    /// (then the key's hash: the same input drops the same keys, however it is batched or reloaded).
    /// </summary>
    private void Admit(ulong family, ulong key, StateChanges changes)
    {
        var keys = Family(family);
        if (keys.Contains(key))
        {
            return;
        }

        if (keys.Count >= _options.MaxKeysPerRule)
        {
            var dropped = keys
                .Select(k => (Key: k, Value: Value(k), Activity: Activity(k)))
                .OrderBy(k => k.Value).ThenBy(k => k.Activity).ThenBy(k => k.Key)
                .Take(Math.Max(1, keys.Count / 10))
                .Select(k => k.Key)
                .ToList();
            foreach (var k in dropped)
            {
                Drop(k, changes);
            }

            DroppedKeys += dropped.Count;
        }

        keys.Add(key);
    }

    private double Value(ulong key) =>
        _series is not null && _series.TryGetValue(key, out var series) ? series.Total
        : _distinct is not null && _distinct.TryGetValue(key, out var distinct) ? distinct.Count
        : 0;

    private long Activity(ulong key) =>
        _series is not null && _series.TryGetValue(key, out var series) ? series.LastActivity
        : _distinct is not null && _distinct.TryGetValue(key, out var distinct) ? distinct.LastActivity
        : long.MinValue;

    /// <summary>Forgets a state: its values, evidence and shape, and its place among its rule's keys.</summary>
    private void Drop(ulong key, StateChanges changes)
    {
        if (_series is not null && _series.Remove(key, out var series))
        {
            series.DeleteAll(key, changes);
        }

        if (_distinct is not null && _distinct.Remove(key, out var distinct))
        {
            distinct.DeleteAll(key, changes);
        }

        if (_shapes is not null && _shapes.Remove(key, out var shape))
        {
            changes.Delete(StateFields.Shape(key));
            if (shape.Family != 0 && _families is not null && _families.TryGetValue(shape.Family, out var keys))
            {
                keys.Remove(key);
            }
        }

        if (_evidence is not null && _evidence.Remove(key, out var ring))
        {
            foreach (var field in ring.AllFields(key))
            {
                changes.Delete(field);
            }
        }
    }
}
