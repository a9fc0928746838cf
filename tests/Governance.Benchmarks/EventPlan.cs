using Governance.Rules.Windows;

namespace Governance.Benchmarks;

/// <summary>What the engine asks of Redis for one event: its state updates and the rules whose cooldowns it reads.</summary>
internal sealed record EventPlan(string CreatorId, EventUpdates Updates, IReadOnlyList<string> CooldownRules);
