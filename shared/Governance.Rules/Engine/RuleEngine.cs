using System.Security.Cryptography;
using System.Text;
using Governance.Rules.Model;
using Governance.Rules.Windows;

namespace Governance.Rules.Engine;

/// <summary>
/// Evaluates a pack on a batch of events: filters and keys in process, window state in the
/// <see cref="IWindowStore"/> (one call per batch), thresholds, minimums, baselines and cooldowns
/// decided per creator while the store holds it, so each firing is written as a pending signal in the
/// same atomic write as the state it came from (decided once; a replay publishes the same message).
/// </summary>
/// <param name="store">The window store.</param>
/// <param name="time">Wall clock for <c>detectedAt</c>; null (backtests) uses the window's end, so a replay is identical.</param>
public sealed class RuleEngine(IWindowStore store, TimeProvider? time = null)
{
    private const int SeriesBuckets = 60;

    // One earlier window is too noisy an average (a quiet first hour makes any busy hour a "surge").
    private const int MinimumObservedWindows = 3;
    private static readonly IReadOnlyList<DecidedSignal> NoSignals = [];
    private DateTimeOffset? _epoch;

    /// <summary>Evaluates <paramref name="events"/> (any creators, in arrival order): the firings in order and the signals to publish.</summary>
    public Task<EvaluatedBatch> EvaluateAsync(RulePack pack, IReadOnlyList<RuleEvent> events, EngineCounters counters, CancellationToken cancellationToken) =>
        DecideAsync(Plan(pack, events, counters), counters, NoDeadLetters, cancellationToken);

    /// <summary>
    /// The state-free half of an evaluation: filters, keys and the updates each event asks for. Pure,
    /// so a worker can plan its next batch while the window store works on the current one.
    /// </summary>
    public static PlannedBatch Plan(RulePack pack, IReadOnlyList<RuleEvent> events, EngineCounters counters)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(counters);
        counters.Events += events.Count;
        var creators = new Dictionary<string, CreatorPlan>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!creators.TryGetValue(e.CreatorId, out var plan))
            {
                creators[e.CreatorId] = plan = new CreatorPlan(e.CreatorId);
            }

            plan.Add(e, PlanEvent(pack, e, counters), pack.Horizon(e.Source));
        }

        return new PlannedBatch([.. creators.Values], events.Count > 0 ? events.Max(e => e.OccurredAt) : null);
    }

    /// <summary>
    /// The stateful half: applies a planned batch to the window store, deciding each creator's firings
    /// while the store holds it; events too late for every window go to <paramref name="deadLetter"/>
    /// before their offsets are stored.
    /// </summary>
    public async Task<EvaluatedBatch> DecideAsync(PlannedBatch batch, EngineCounters counters, Func<IReadOnlyList<TooLateEvent>, CancellationToken, Task> deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(deadLetter);
        if (_epoch is null && batch.Newest is { } newest)
        {
            // The deployment's start: the newest event of its first batch (older ones there may be history).
            _epoch = await store.EpochAsync(newest, cancellationToken);
        }

        var decisions = new BatchDecisions(batch, _epoch ?? DateTimeOffset.MinValue, counters, deadLetter, time);
        var outcome = await store.ApplyAsync([.. batch.Creators.Select(p => p.ToUpdates())], decisions, cancellationToken);
        return new EvaluatedBatch(decisions.Firings, outcome.Signals);
    }

    /// <summary>Stable id of a signal: the same creator, rule and window end always give the same id.</summary>
    public static string SignalId(RuleFiring firing)
    {
        ArgumentNullException.ThrowIfNull(firing);
        var text = $"{firing.Event.CreatorId}\n{firing.Rule.Id}\n{firing.WindowEnd.ToUnixTimeMilliseconds()}\n{firing.GroupKey}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    private static List<RulePlan> PlanEvent(RulePack pack, RuleEvent e, EngineCounters counters)
    {
        var planned = new List<RulePlan>();
        foreach (var rule in pack.Rules)
        {
            if (!rule.Accepts(e.Source))
            {
                continue;
            }

            try
            {
                if (rule.When(e) && PlanRule(rule, e) is { } plan)
                {
                    planned.Add(plan);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One bad event must not stop the worker: the rule is false for it, and the error is counted.
                counters.Errors[rule.Id] = counters.Errors.GetValueOrDefault(rule.Id) + 1;
            }
        }

        return planned;
    }

    private static RulePlan? PlanRule(CompiledRule rule, RuleEvent e)
    {
        var d = rule.Definition;
        string? group = null;
        if (rule.GroupKey is not null)
        {
            group = rule.GroupKey(e);
            if (group is null)
            {
                return null;
            }
        }

        var key = group is null ? d.StateKey : $"{d.StateKey}:k:{KeyPart(group)}";
        // Exactly sized: a batch plans thousands of these.
        var pair = d.Aggregate is AggregateKind.Ratio or AggregateKind.Surprise;
        var updates = new StateUpdate[(pair ? 2 : 1) * (d.Baseline is null ? 1 : 2)];
        switch (d.Aggregate)
        {
            case AggregateKind.Count:
                updates[0] = Series(key, d.Window, 1, apply: true);
                break;
            case AggregateKind.Sum:
                if (rule.Amount!(e) is not { } amount || !double.IsFinite(amount))
                {
                    return null;
                }

                updates[0] = Series(key, d.Window, amount, apply: true);
                break;
            case AggregateKind.Distinct:
                if (rule.Item!(e) is not { } item)
                {
                    return null;
                }

                updates[0] = new StateUpdate(UpdateKind.Distinct, key, d.Window, SeriesBuckets, 0, item, Apply: true, KeepEvidence: true);
                break;
            case AggregateKind.Ratio or AggregateKind.Surprise:
                var numerator = rule.Numerator!(e);
                var denominator = rule.Denominator!(e);
                if (!numerator && !denominator)
                {
                    return null;
                }

                updates[0] = Series(key + ":n", d.Window, 1, numerator);
                updates[1] = Series(key + ":d", d.Window, 1, denominator) with { KeepEvidence = denominator && !numerator };
                break;
        }

        if (d.Baseline is { } baseline)
        {
            // The history: one series per series of the window over the baseline's span (a surprise
            // rule's numerator and denominator, a count or sum's value). Count and sum average it per
            // window, so it has a bucket per window; a surprise rule reads only its totals, so coarser
            // buckets (less state) do.
            var windows = (int)(baseline.History.Ticks / d.Window.Ticks);
            var buckets = d.Aggregate == AggregateKind.Surprise ? Math.Min(windows, SeriesBuckets / 2) : windows;
            var own = pair ? 2 : 1;
            for (var i = 0; i < own; i++)
            {
                updates[own + i] = new StateUpdate(UpdateKind.Series, updates[i].Key + ":h", baseline.History, buckets, updates[i].Delta, null, updates[i].Apply, KeepEvidence: false);
            }
        }

        if (group is not null)
        {
            for (var i = 0; i < updates.Length; i++)
            {
                updates[i] = updates[i] with { Family = d.StateKey };
            }
        }

        return new RulePlan(rule, group, key, updates);
    }

    private static void Decide(CreatorPlan plan, CreatorOutcome outcome, DateTimeOffset epoch, EngineCounters counters, List<(int EventIndex, RuleFiring Firing)> firings)
    {
        var cooling = new Dictionary<string, DateTimeOffset>(outcome.CooldownUntil, StringComparer.Ordinal);
        for (var i = 0; i < plan.Events.Count; i++)
        {
            var (e, rules, _) = plan.Events[i];
            var result = outcome.Events[i];
            if (result.Status == EventStatus.TooLate)
            {
                counters.TooLate++;
                continue;
            }

            if (result.Status == EventStatus.Duplicate)
            {
                // Applied before, and decided then: a firing it caused is stored as a pending signal.
                counters.Duplicates++;
                continue;
            }

            var offset = 0;
            var end = result.WindowEnd;
            foreach (var rule in rules)
            {
                var values = result.Values.AsSpan(offset, rule.Updates.Length);
                offset += rule.Updates.Length;
                var history = new History(outcome.FirstSeen.TryGetValue(e.Source, out var first) ? first : e.OccurredAt, epoch, end);
                if (Crossing(rule, values, history, out var value, out var count, out var baseline) && MaySignal(rule.Rule, e, counters))
                {
                    var id = rule.Rule.Id;
                    if (cooling.TryGetValue(id, out var until) && end < until)
                    {
                        counters.CooledDown[id] = counters.CooledDown.GetValueOrDefault(id) + 1;
                        continue;
                    }

                    cooling[id] = end + rule.Rule.Definition.Cooldown;
                    var evidenceKey = rule.Rule.Definition.Aggregate is AggregateKind.Ratio or AggregateKind.Surprise ? rule.Key + ":n" : rule.Key;
                    firings.Add((i, new RuleFiring(rule.Rule, e, value, end, evidenceKey, rule.Group, count, baseline)));
                }
            }
        }
    }

    private static bool MaySignal(CompiledRule rule, RuleEvent e, EngineCounters counters)
    {
        if (rule.FireWhen is null)
        {
            return true;
        }

        try
        {
            return rule.FireWhen(e);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            counters.Errors[rule.Id] = counters.Errors.GetValueOrDefault(rule.Id) + 1;
            return false;
        }
    }

    private static bool Crossing(RulePlan plan, ReadOnlySpan<double> values, History history, out double value, out double? count, out double? baseline)
    {
        var d = plan.Rule.Definition;
        count = null;
        baseline = null;
        value = values[0];
        if (d.Aggregate == AggregateKind.Surprise)
        {
            var rate = d.Baseline is null ? d.Expected ?? 0 : SurpriseTest.BlendedRate(d, values[0], values[1], values[2], values[3]);
            return SurpriseTest.Crosses(d, rate, plan.Updates[0].Apply, values[0], values[1], out value, out count, out baseline);
        }

        if (d.Aggregate == AggregateKind.Ratio)
        {
            // Fire on the events that move the numerator; the denominator only sets the scale.
            if (!plan.Updates[0].Apply)
            {
                return false;
            }

            count = values[1];
            value = values[1] > 0 ? values[0] / values[1] : 0;
            if (values[1] < Math.Max(1, d.Minimum))
            {
                return false;
            }
        }

        if (d.Baseline is { } b)
        {
            // The average is taken over the creator's history actually observed (since its first
            // event, at most the baseline's history). A creator seen since the deployment began but
            // for fewer than three windows has too little history to compare with: silent. A creator
            // that first appeared three windows or more after the deployment began is new: its
            // average is zero, so a surge fires.
            var observedWindows = Math.Min((history.WindowEnd - history.FirstSeen).Ticks / d.Window.Ticks, b.History.Ticks / d.Window.Ticks);
            if (observedWindows >= MinimumObservedWindows)
            {
                baseline = Math.Max(0, values[^1] - values[0]) / (observedWindows - 1);
            }
            else if (history.FirstSeen - history.Epoch >= MinimumObservedWindows * d.Window)
            {
                baseline = 0;
            }
            else
            {
                return false;
            }

            if (values[0] <= b.Factor * baseline.Value)
            {
                return false;
            }
        }

        return d.Threshold.IsMet(value);
    }

    private static Task NoDeadLetters(IReadOnlyList<TooLateEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;

    private static StateUpdate Series(string key, TimeSpan window, double delta, bool apply) =>
        new(UpdateKind.Series, key, window, SeriesBuckets, delta, null, apply, KeepEvidence: apply);

    // Group keys are user data (buyer ids ...): long ones are hashed to keep Redis keys short.
    private static string KeyPart(string group) =>
        group.Length <= 64 ? group : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(group)))[..32];

    private readonly record struct History(DateTimeOffset FirstSeen, DateTimeOffset Epoch, DateTimeOffset WindowEnd);

    internal sealed record RulePlan(CompiledRule Rule, string? Group, string Key, StateUpdate[] Updates);

    internal sealed class CreatorPlan(string creatorId)
    {
        public List<(RuleEvent Event, List<RulePlan> Rules, TimeSpan Horizon)> Events { get; } = [];

        public void Add(RuleEvent e, List<RulePlan> rules, TimeSpan horizon) => Events.Add((e, rules, horizon));

        public CreatorUpdates ToUpdates()
        {
            var events = new EventUpdates[Events.Count];
            var rules = new List<string>();
            for (var i = 0; i < events.Length; i++)
            {
                var (e, plans, horizon) = Events[i];
                var count = 0;
                foreach (var plan in plans)
                {
                    count += plan.Updates.Length;
                    if (!rules.Contains(plan.Rule.Id, StringComparer.Ordinal))
                    {
                        rules.Add(plan.Rule.Id);
                    }
                }

                var updates = new StateUpdate[count];
                var at = 0;
                foreach (var plan in plans)
                {
                    plan.Updates.CopyTo(updates, at);
                    at += plan.Updates.Length;
                }

                events[i] = new EventUpdates(e.EventId, e.Type, e.OccurredAt, updates) { Source = e.Source, Horizon = horizon, Position = e.Position };
            }

            return new CreatorUpdates(creatorId, events, rules);
        }
    }

    /// <summary>The engine's side of one <see cref="IWindowStore.ApplyAsync"/> call.</summary>
    private sealed class BatchDecisions(
        PlannedBatch batch,
        DateTimeOffset epoch,
        EngineCounters counters,
        Func<IReadOnlyList<TooLateEvent>, CancellationToken, Task> deadLetter,
        TimeProvider? time) : IWindowDecisions
    {
        // Per creator: a store may decide a creator again (its write was refused and it was recomputed).
        private readonly List<RuleFiring>?[] _firings = new List<RuleFiring>?[batch.Creators.Count];

        public IReadOnlyList<RuleFiring> Firings => [.. _firings.SelectMany(f => f ?? [])];

        public IReadOnlyList<DecidedSignal> Decide(int creator, CreatorOutcome outcome)
        {
            var firings = new List<(int EventIndex, RuleFiring Firing)>();
            var counted = new EngineCounters();
            RuleEngine.Decide(batch.Creators[creator], outcome, epoch, counted, firings);
            if (_firings[creator] is null)
            {
                Merge(counted);
            }

            _firings[creator] = [.. firings.Select(f => f.Firing)];
            if (firings.Count == 0)
            {
                return NoSignals;
            }

            var detectedAt = time?.GetUtcNow();
            return [.. firings.Select(x => ToDecided(x.EventIndex, x.Firing, detectedAt))];
        }

        public Task DeadLetterAsync(IReadOnlyList<TooLateEvent> events, CancellationToken cancellationToken) => deadLetter(events, cancellationToken);

        private static DecidedSignal ToDecided(int eventIndex, RuleFiring f, DateTimeOffset? detectedAt) => new(
            f.Rule.Id,
            eventIndex,
            f.EvidenceKey,
            f.Rule.Definition.Window,
            f.WindowEnd,
            f.WindowEnd + f.Rule.Definition.Cooldown,
            evidence => SignalFactory.Create(f, evidence, detectedAt ?? f.WindowEnd));

        private void Merge(EngineCounters counted)
        {
            counters.Duplicates += counted.Duplicates;
            counters.TooLate += counted.TooLate;
            foreach (var (rule, n) in counted.Errors)
            {
                counters.Errors[rule] = counters.Errors.GetValueOrDefault(rule) + n;
            }

            foreach (var (rule, n) in counted.CooledDown)
            {
                counters.CooledDown[rule] = counters.CooledDown.GetValueOrDefault(rule) + n;
            }
        }
    }
}
