namespace Governance.Rules.Windows;

/// <summary>What the caller of <see cref="IWindowStore.ApplyAsync"/> decides while the store holds a batch.</summary>
public interface IWindowDecisions
{
    /// <summary>The firings of the batch's creator <paramref name="creator"/> (its index), given its outcome. Pure.</summary>
    IReadOnlyList<DecidedSignal> Decide(int creator, CreatorOutcome outcome);

    /// <summary>
    /// Dead-letters events too late for every window; called (and awaited) before the writes that
    /// store their offsets, so a crash in between dead-letters them again rather than never.
    /// </summary>
    Task DeadLetterAsync(IReadOnlyList<TooLateEvent> events, CancellationToken cancellationToken);
}
