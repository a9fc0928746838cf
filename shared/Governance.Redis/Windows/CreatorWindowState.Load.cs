using System.Globalization;
using Governance.Rules.Windows;
using StackExchange.Redis;

namespace Governance.Redis.Windows;

/// <summary>Loading: the state rebuilt from the fields of the creator's Redis hash (<see cref="StateFields"/>).</summary>
internal sealed partial class CreatorWindowState
{
    /// <summary>Rebuilds the state from the hash's fields; unreadable fields are dropped with the next write.</summary>
    public static CreatorWindowState Load(HashEntry[] fields, WindowStoreOptions options)
    {
        var state = new CreatorWindowState(options);
        var seen = new List<(ulong, long)>();
        foreach (var entry in fields)
        {
            var name = (string)entry.Name!;
            if (!state.LoadField(name, entry.Value, seen))
            {
                (state._unreadable ??= []).Add(name);
            }
        }

        foreach (var item in seen.OrderBy(s => s.Item2))
        {
            (state._seenOrder ??= new()).Enqueue(item);
        }

        foreach (var (key, shape) in state._shapes ?? [])
        {
            if (shape.Family != 0)
            {
                state.Family(shape.Family).Add(key);
            }
        }

        return state;
    }

    private bool LoadField(string name, RedisValue value, List<(ulong, long)> seen)
    {
        switch (name)
        {
            case StateFields.Version:
                Version = (long)value;
                return true;
        }

        if (name.Length < 2)
        {
            return false;
        }

        switch (name[0])
        {
            case 'c':
                RaiseCooldown(name[1..], (long)value);
                return true;
            case 'o' when int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var partition):
                (_offsets ??= [])[partition] = (long)value;
                return true;
            case 'p':
                (_pending ??= new(StringComparer.Ordinal))[name[1..]] = (string)value!;
                return true;
            case 'w' when name[1] == ':':
                return _watermarks.Load(name[2..], (long)value);
            case 'f' when name[1] == ':':
                // First-seen times, written until 2026-12-07 for baselines that now count from the
                // deployment's start: hashes written before still hold them.
                return true;
        }

        if (!StateFields.TryParseHashed(name, out var key, out var rest))
        {
            return false;
        }

        switch (name[0])
        {
            case 'i' when rest.Length == 0:
                seen.Add((key, (long)value));
                (_seen ??= []).Add(key);
                return true;
            case 's' when long.TryParse(rest, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bucket):
                Series(key).Load(bucket, (double)value);
                return true;
            case 'd' when ulong.TryParse(rest, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var item):
                Distinct(key).Load(item, (long)value);
                return true;
            case 'e' when int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var slot):
                return Evidence(key).Load(slot, (string)value!);
            case 'm' when rest.Length == 0 && StateShape.TryParse(value, out var shape):
                (_shapes ??= [])[key] = shape;
                return true;
            default:
                return false;
        }
    }
}
