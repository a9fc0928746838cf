using System.Text.Json;
using Governance.Contracts;
using Governance.Rules.Windows;

namespace Governance.Redis.Windows;

/// <summary>
/// Signals kept in their creator's state from the write that decided them until the broker confirms
/// them, with the rule's cooldown raised in the same write: a crash in between publishes the identical
/// message again, and never a second signal for the same crossing.
/// </summary>
internal static class PendingSignals
{
    /// <summary>Builds the decided signal with its evidence and adds it, and its rule's cooldown, to the creator's write.</summary>
    public static void Keep(CreatorWindowState state, DecidedSignal decided, IReadOnlyList<EvidenceItem> evidence, StateChanges changes)
    {
        var signal = decided.Build(evidence);
        state.AddPending(signal.SignalId, JsonSerializer.Serialize(signal, GovernanceJsonContext.Default.RiskSignalDetected), changes);
        var until = decided.CooldownUntil.ToUnixTimeMilliseconds();
        state.RaiseCooldown(decided.RuleId, until);
        changes.Set(StateFields.Cooldown(decided.RuleId), until);
        changes.KeepFor((long)(decided.CooldownUntil - decided.WindowEnd).TotalMilliseconds + 60_000);
    }

    /// <summary>The creator's signals not yet confirmed: decided now, or by a worker that may have died before publishing them.</summary>
    public static List<RiskSignalDetected>? Of(CreatorWindowState state) =>
        state.Pending is { Count: > 0 } pending
            ? [.. pending.Values.Select(json => JsonSerializer.Deserialize(json, GovernanceJsonContext.Default.RiskSignalDetected)!)]
            : null;
}
