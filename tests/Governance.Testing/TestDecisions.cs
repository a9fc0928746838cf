using Governance.Contracts;
using Governance.Rules.Windows;

namespace Governance.Testing;

/// <summary>
/// The caller's side of <see cref="IWindowStore.ApplyAsync"/> for store tests: decides what
/// <paramref name="decide"/> says (nothing by default) and records the too-late events it is handed.
/// </summary>
public sealed class TestDecisions(Func<int, CreatorOutcome, IReadOnlyList<DecidedSignal>>? decide = null) : IWindowDecisions
{
    /// <summary>Decides nothing.</summary>
    public static TestDecisions None => new();

    /// <summary>Events the store asked to dead-letter.</summary>
    public List<TooLateEvent> DeadLettered { get; } = [];

    /// <summary>A decision that fires <paramref name="ruleId"/> for <paramref name="creatorId"/> on its batch's last event when it was applied.</summary>
    public static TestDecisions FireOnLastEvent(string creatorId, string ruleId, string evidenceKey, TimeSpan window, TimeSpan cooldown) =>
        FireOnEvent(^1, creatorId, ruleId, evidenceKey, window, cooldown);

    /// <summary>A decision that fires <paramref name="ruleId"/> for <paramref name="creatorId"/> on its batch's event at <paramref name="at"/> when it was applied.</summary>
    public static TestDecisions FireOnEvent(Index at, string creatorId, string ruleId, string evidenceKey, TimeSpan window, TimeSpan cooldown) =>
        new((_, outcome) =>
        {
            var index = at.GetOffset(outcome.Events.Count);
            var trigger = outcome.Events[index];
            if (trigger.Status != EventStatus.Applied)
            {
                return [];
            }

            return [new DecidedSignal(ruleId, index, evidenceKey, window, trigger.WindowEnd, trigger.WindowEnd + cooldown, evidence => Signal(creatorId, ruleId, trigger.WindowEnd, trigger.Values.FirstOrDefault(), evidence))];
        });

    /// <inheritdoc />
    public IReadOnlyList<DecidedSignal> Decide(int creator, CreatorOutcome outcome) => decide?.Invoke(creator, outcome) ?? [];

    /// <inheritdoc />
    public Task DeadLetterAsync(IReadOnlyList<TooLateEvent> events, CancellationToken cancellationToken)
    {
        DeadLettered.AddRange(events);
        return Task.CompletedTask;
    }

    private static RiskSignalDetected Signal(string creatorId, string ruleId, DateTimeOffset end, double value, IReadOnlyList<EvidenceItem> evidence) => new()
    {
        SignalId = $"{creatorId}-{ruleId}-{end.ToUnixTimeMilliseconds()}",
        CreatorId = creatorId,
        RuleId = ruleId,
        RuleVersion = "v1",
        Severity = "high",
        Mode = "enforce",
        Value = value,
        Threshold = ">= 1",
        Window = "1h",
        WindowEnd = end,
        Evidence = evidence,
        DetectedAt = end,
    };
}
