namespace Governance.Rules.Windows;

/// <summary>Behaviour shared by every window store (section <c>Signals:Windows</c>).</summary>
public sealed class WindowStoreOptions
{
    /// <summary>Events older than the creator's latest event minus this are ignored (and counted as late).</summary>
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long (event time, behind the creator's latest event) an eventId is remembered to drop
    /// redeliveries. At least <see cref="AllowedLateness"/>: an older redelivery is late anyway.
    /// </summary>
    public TimeSpan DedupHorizon { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Evidence entries kept per state.</summary>
    public int EvidenceLimit { get; set; } = 20;

    /// <summary>
    /// Creators whose window state a worker holds in memory (least recently used dropped beyond; Redis
    /// store only). The benchmark measured ~8.5 KB of heap per held creator: ~850 MB at this default.
    /// </summary>
    public int MaxCachedCreators { get; set; } = 100_000;
}
