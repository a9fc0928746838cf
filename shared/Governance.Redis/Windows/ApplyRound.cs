using Governance.Contracts;
using Governance.Rules.Windows;

namespace Governance.Redis.Windows;

/// <summary>One <see cref="HeldWindowStore.ApplyAsync"/> call: its batch, decisions and results per creator (overwritten when a creator is computed again).</summary>
internal sealed class ApplyRound(IReadOnlyList<CreatorUpdates> batch, IWindowDecisions decisions)
{
    public IReadOnlyList<CreatorUpdates> Batch => batch;

    public IWindowDecisions Decisions => decisions;

    public CreatorOutcome[] Outcomes { get; } = new CreatorOutcome[batch.Count];

    public List<RiskSignalDetected>?[] Signals { get; } = new List<RiskSignalDetected>?[batch.Count];
}
