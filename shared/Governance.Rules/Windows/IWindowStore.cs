using Governance.Contracts;

namespace Governance.Rules.Windows;

/// <summary>
/// Window state per creator. Implementations: Redis (production, one round trip per batch) and
/// <see cref="ExactWindowStore"/> (exact, in memory: tests and backtests).
/// </summary>
public interface IWindowStore
{
    /// <summary>
    /// Applies the batch: per creator, in order, each event is deduplicated by eventId, dropped when
    /// late, else its updates are applied; returns the values after each event.
    /// </summary>
    Task<IReadOnlyList<CreatorOutcome>> ApplyAsync(IReadOnlyList<CreatorUpdates> batch, CancellationToken cancellationToken);

    /// <summary>The most recent contributing events of each state within its window (newest first).</summary>
    Task<IReadOnlyList<IReadOnlyList<EvidenceItem>>> GetEvidenceAsync(IReadOnlyList<EvidenceRequest> requests, CancellationToken cancellationToken);

    /// <summary>
    /// When the deployment began (event time): set once, to <paramref name="candidate"/>, and returned
    /// unchanged afterwards. Baselines use it to tell creators present since the start (not enough
    /// history yet) from creators that appeared later (new).
    /// </summary>
    Task<DateTimeOffset> EpochAsync(DateTimeOffset candidate, CancellationToken cancellationToken);

    /// <summary>Starts cooldowns (after their signals were published).</summary>
    Task SetCooldownsAsync(IReadOnlyList<Cooldown> cooldowns, CancellationToken cancellationToken);
}
