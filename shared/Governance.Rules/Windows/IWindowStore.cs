using Governance.Contracts;

namespace Governance.Rules.Windows;

/// <summary>
/// Window state per creator. Implementations: Redis (production, one round trip per batch) and
/// <see cref="ExactWindowStore"/> (exact, in memory: the tests' oracle).
/// </summary>
public interface IWindowStore
{
    /// <summary>
    /// Applies the batch: per creator, in order, each event is skipped when already applied (its offset,
    /// or its eventId), reported too late when older than every window of its source, else its updates
    /// are applied. The firings <paramref name="decisions"/> makes are written as pending signals, with
    /// their cooldowns, in the same atomic write as the state and the input offsets.
    /// </summary>
    Task<BatchOutcome> ApplyAsync(IReadOnlyList<CreatorUpdates> batch, IWindowDecisions decisions, CancellationToken cancellationToken);

    /// <summary>Forgets pending signals the broker confirmed (they are not published again).</summary>
    Task ConfirmAsync(IReadOnlyList<RiskSignalDetected> published, CancellationToken cancellationToken);

    /// <summary>
    /// When the deployment began (event time): set once, to <paramref name="candidate"/>, and returned
    /// unchanged afterwards. Baselines use it to tell creators present since the start (not enough
    /// history yet) from creators that appeared later (new).
    /// </summary>
    Task<DateTimeOffset> EpochAsync(DateTimeOffset candidate, CancellationToken cancellationToken);
}
