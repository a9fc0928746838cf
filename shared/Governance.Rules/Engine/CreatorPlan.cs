using Governance.Rules.Windows;

namespace Governance.Rules.Engine;

/// <summary>One creator's events of a batch, in order, with the rules each matched.</summary>
internal sealed class CreatorPlan(string creatorId)
{
    public List<(RuleEvent Event, List<RulePlan> Rules, TimeSpan Horizon)> Events { get; } = [];

    public void Add(RuleEvent e, List<RulePlan> rules, TimeSpan horizon) => Events.Add((e, rules, horizon));

    /// <summary>What the window store applies: per event its rules' updates in one array, and the rules whose cooldowns it must read.</summary>
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
