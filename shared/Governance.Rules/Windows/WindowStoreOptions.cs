namespace Governance.Rules.Windows;

/// <summary>Behaviour shared by every window store (section <c>Signals:Windows</c>).</summary>
public sealed class WindowStoreOptions
{
    /// <summary>Events older than the creator's latest event minus this are ignored (and counted as late).</summary>
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an eventId is remembered to drop redeliveries (at least this long; the store rounds up to days).</summary>
    public TimeSpan DedupHorizon { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Evidence entries kept per state.</summary>
    public int EvidenceLimit { get; set; } = 20;
}
