using System.Text.Json;
using Governance.Contracts;
using Governance.Rules;
using Governance.Rules.Engine;
using Governance.Rules.Windows;

namespace Governance.Benchmarks;

/// <summary>
/// A dry run of the engine's planning: each event is evaluated alone against a store that records what it
/// is asked to apply and answers zeros, so the bare loop can send Redis exactly the updates the worker sends
/// (same keys, windows, items and cooldown reads) without evaluating rules while it is timed.
/// </summary>
internal sealed class PlanRecorder : IWindowStore
{
    private CreatorUpdates? _last;

    public static EventPlan[] Plan(RulePack pack, IReadOnlyList<SignalRecord> records)
    {
        var recorder = new PlanRecorder();
        var engine = new RuleEngine(recorder);
        var plans = new EventPlan[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var e = JsonSerializer.Deserialize(records[i].Value, GovernanceJsonContext.Default.CreatorEvent)!;
            engine.EvaluateAsync(pack, [RuleEvent.From(e)], new EngineCounters(), CancellationToken.None).GetAwaiter().GetResult();
            var planned = recorder._last!;
            plans[i] = new EventPlan(planned.CreatorId, planned.Events[0], planned.CooldownRules);
        }

        return plans;
    }

    public Task<BatchOutcome> ApplyAsync(IReadOnlyList<CreatorUpdates> batch, IWindowDecisions decisions, CancellationToken cancellationToken)
    {
        _last = batch[0];
        return Task.FromResult(new BatchOutcome(
            [.. batch.Select(c => new CreatorOutcome(
                [.. c.Events.Select(e => new EventOutcome(EventStatus.Applied, new double[e.Updates.Count], e.OccurredAt))],
                new Dictionary<string, DateTimeOffset>()))],
            []));
    }

    public Task ConfirmAsync(IReadOnlyList<RiskSignalDetected> published, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<DateTimeOffset> EpochAsync(DateTimeOffset candidate, CancellationToken cancellationToken) => Task.FromResult(candidate);

    public Task<IReadOnlyList<DateTimeOffset>> StateEpochsAsync(IReadOnlyList<string> stateKeys, DateTimeOffset deploymentEpoch, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DateTimeOffset>>([.. stateKeys.Select(_ => deploymentEpoch)]);
}
