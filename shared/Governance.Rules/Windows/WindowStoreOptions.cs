namespace Governance.Rules.Windows;

/// <summary>Behaviour shared by every window store (section <c>Signals:Windows</c>).</summary>
public sealed class WindowStoreOptions
{
    /// <summary>
    /// How long (event time, behind the creator's latest event) an eventId is remembered to drop
    /// upstream duplicates: the same event at a second offset (e.g. re-produced by ingestion after a
    /// crash). Redelivery of the same offset does not depend on it: offsets are stored with the state.
    /// </summary>
    public TimeSpan DedupHorizon { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Keys a grouped rule (<c>groupBy</c>) keeps per creator (held-state store). Past it, the tenth of
    /// its keys with the lowest value (then the least recent activity) is dropped: a busy creator's
    /// thousands of one-off buyers or devices cannot grow its state without bound, while the keys
    /// that build up towards a threshold (a buyer buying again, a device shared) are the ones kept.
    /// </summary>
    public int MaxKeysPerRule { get; set; } = 1_000;

    /// <summary>
    /// Items a distinct state keeps (held-state store): past it, the tenth last seen longest ago is
    /// dropped, so a distinct count saturates near this value. Far above any sensible threshold.
    /// </summary>
    public int MaxDistinctItems { get; set; } = 100;

    /// <summary>
    /// EventIds remembered per creator for <see cref="DedupHorizon"/> (held-state store): past it, the
    /// oldest are forgotten. Upstream duplicates come from a producer re-sending its last unconfirmed
    /// records, far fewer than this.
    /// </summary>
    public int MaxSeenEventIds { get; set; } = 10_000;

    /// <summary>Evidence entries kept per state.</summary>
    public int EvidenceLimit { get; set; } = 20;

    /// <summary>
    /// Creators whose window state a worker holds in memory (least recently used dropped beyond; Redis
    /// store only). The benchmark measured ~8.5 KB of heap per held creator: ~850 MB at this default.
    /// </summary>
    public int MaxCachedCreators { get; set; } = 100_000;
}
