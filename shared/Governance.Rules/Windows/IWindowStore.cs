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

    /// <summary>
    /// When each window state of <paramref name="stateKeys"/> (a rule's <c>StateKey</c>) began, in event
    /// time, set once: the states of the deployment's first call (its first worker's first batch: the
    /// pack it started with) began with the deployment (<paramref name="deploymentEpoch"/>); a state that
    /// appears later (a rule added, or its <c>when</c> or window edited) begins at <paramref name="now"/>,
    /// the newest event of the first batch that has it. Count and sum baselines measure the history
    /// they watched from there.
    /// </summary>
    Task<IReadOnlyList<DateTimeOffset>> StateEpochsAsync(IReadOnlyList<string> stateKeys, DateTimeOffset deploymentEpoch, DateTimeOffset now, CancellationToken cancellationToken);
}
