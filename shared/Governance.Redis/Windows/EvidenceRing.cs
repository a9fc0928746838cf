using System.Globalization;
using Governance.Contracts;
using StackExchange.Redis;

namespace Governance.Redis.Windows;

/// <summary>
/// Which events of one state are kept as evidence: the most recent (by event time) contributing
/// events, the earlier kept on a tie (as <see cref="Governance.Rules.Windows.FiringEvidence"/> defines), in numbered slots (the Redis fields <c>e{key}{slot}</c> hold eventId, type and time). The
/// worker keeps only each slot's event time; the entries are read from Redis when a rule fires.
/// Slots grow up to the limit as events come: most states (one per buyer ...) see one or two events.
/// </summary>
internal sealed class EvidenceRing(int limit)
{
    private const long Empty = long.MinValue;
    private long[] _at = [Empty];

    /// <summary>Reads a slot from Redis; false when the slot or value is unusable (the field is then dropped).</summary>
    public bool Load(int slot, string value)
    {
        if (slot < 0 || slot >= limit || Parse(value) is not { } entry)
        {
            return false;
        }

        if (slot >= _at.Length)
        {
            Grow(Math.Max(slot + 1, _at.Length * 2));
        }

        _at[slot] = entry.OccurredAt.ToUnixTimeMilliseconds();
        return true;
    }

    /// <summary>Keeps the event when a slot is free or it is newer than the oldest kept.</summary>
    public void Add(ulong key, string eventId, string type, long at, StateChanges changes)
    {
        var slot = -1;
        for (var i = 0; i < _at.Length; i++)
        {
            if (_at[i] == Empty)
            {
                slot = i;
                break;
            }

            if (_at[i] < at && (slot < 0 || _at[i] < _at[slot]))
            {
                slot = i;
            }
        }

        if (slot < 0 || _at[slot] != Empty)
        {
            if (_at.Length < limit)
            {
                // Full but below the limit: grow rather than replace.
                slot = _at.Length;
                Grow(_at.Length * 2);
            }
            else if (slot < 0)
            {
                return; // older than every kept event
            }
        }

        _at[slot] = at;
        changes.Set(StateFields.Evidence(key, slot), string.Create(CultureInfo.InvariantCulture, $"{eventId}\t{type}\t{at}"));
    }

    /// <summary>Every slot's field (to delete them all).</summary>
    public IEnumerable<string> AllFields(ulong key) => AllFields(key, _at.Length).Select(f => (string)f!);

    /// <summary>The fields of slots 0 … <paramref name="slots"/> − 1 of a state's ring.</summary>
    public static RedisValue[] AllFields(ulong key, int slots) => [.. Enumerable.Range(0, slots).Select(slot => (RedisValue)StateFields.Evidence(key, slot))];

    /// <summary>Reads a slot's value: eventId, type and time (ms), tab-separated.</summary>
    public static EvidenceItem? Parse(string? value)
    {
        var last = value?.LastIndexOf('\t') ?? -1;
        var middle = last > 0 ? value!.LastIndexOf('\t', last - 1) : -1;
        return middle > 0 && long.TryParse(value.AsSpan(last + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var at)
            ? new EvidenceItem { EventId = value![..middle], Type = value[(middle + 1)..last], OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(at) }
            : null;
    }

    private void Grow(int length)
    {
        var old = _at.Length;
        Array.Resize(ref _at, Math.Min(limit, length));
        _at.AsSpan(old).Fill(Empty);
    }
}
