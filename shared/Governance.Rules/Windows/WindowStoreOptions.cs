using System.ComponentModel.DataAnnotations;
using Governance.Configuration;

namespace Governance.Rules.Windows;

/// <summary>Behaviour shared by every window store (section <c>Signals:Windows</c>).</summary>
// Checked in Validate, not with [Range]: the options validation generator's [Range] drops ErrorMessage
// (dotnet/runtime#123137), and the message must name the configuration key.
public sealed class WindowStoreOptions : IValidatableObject
{
    private const string Section = "Signals:Windows";

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

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DedupHorizon <= TimeSpan.Zero)
        {
            yield return OptionsProblem.Invalid(Section, nameof(DedupHorizon), $"must be longer than 0 (is {DedupHorizon})");
        }

        if (EvidenceLimit is < 1 or > 100)
        {
            yield return OptionsProblem.Invalid(Section, nameof(EvidenceLimit), $"must be within 1..100 (is {EvidenceLimit})");
        }

        if (MaxCachedCreators < 1)
        {
            yield return OptionsProblem.Invalid(Section, nameof(MaxCachedCreators), $"must be at least 1 (is {MaxCachedCreators})");
        }
    }
}
