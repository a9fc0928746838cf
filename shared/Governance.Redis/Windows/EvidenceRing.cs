using System.Globalization;
using Governance.Contracts;

namespace Governance.Redis.Windows;

/// <summary>
/// The most recent (by event time) contributing events of one state, in numbered slots (the Redis
/// fields). Grows up to the limit as events come: most states (one per buyer, per fingerprint ...)
/// see one or two events.
/// </summary>
internal sealed class EvidenceRing(int limit)
{
    private Entry?[] _slots = new Entry?[1];

    /// <summary>Reads a slot from Redis; false when the slot or value is unusable (the field is then dropped).</summary>
    public bool Load(int slot, string value)
    {
        var last = value.LastIndexOf('\t');
        var middle = last > 0 ? value.LastIndexOf('\t', last - 1) : -1;
        if (slot < 0 || slot >= limit || middle <= 0
            || !long.TryParse(value.AsSpan(last + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var at))
        {
            return false;
        }

        if (slot >= _slots.Length)
        {
            Array.Resize(ref _slots, Math.Min(limit, Math.Max(slot + 1, _slots.Length * 2)));
        }

        _slots[slot] = new Entry(value[..middle], value[(middle + 1)..last], at);
        return true;
    }

    /// <summary>Keeps the event when a slot is free or it is newer than the oldest kept.</summary>
    public void Add(string key, string eventId, string type, long at, StateChanges changes)
    {
        var slot = -1;
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] is not { } entry)
            {
                slot = i;
                break;
            }

            if (entry.At < at && (slot < 0 || entry.At < _slots[slot]!.Value.At))
            {
                slot = i;
            }
        }

        if (slot < 0 || _slots[slot] is not null)
        {
            if (_slots.Length < limit)
            {
                // Full but below the limit: grow rather than replace.
                slot = _slots.Length;
                Array.Resize(ref _slots, Math.Min(limit, _slots.Length * 2));
            }
            else if (slot < 0)
            {
                return; // older than every kept event
            }
        }

        _slots[slot] = new Entry(eventId, type, at);
        changes.Set(StateFields.Evidence(key, slot), string.Create(CultureInfo.InvariantCulture, $"{eventId}\t{type}\t{at}"));
    }

    /// <summary>Kept events inside (end − window, end], newest first.</summary>
    public IReadOnlyList<EvidenceItem> Within(long windowMs, long end) =>
    [
        .. _slots.OfType<Entry>()
            .Where(e => e.At > end - windowMs && e.At <= end)
            .OrderByDescending(e => e.At)
            .Select(e => new EvidenceItem { EventId = e.EventId, Type = e.Type, OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(e.At) }),
    ];

    private readonly record struct Entry(string EventId, string Type, long At);
}
