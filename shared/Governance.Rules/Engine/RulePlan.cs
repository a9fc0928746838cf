using Governance.Rules.Windows;

namespace Governance.Rules.Engine;

/// <summary>One rule matched by one event: its group, state key and the window updates it asks for.</summary>
internal sealed record RulePlan(CompiledRule Rule, string? Group, string Key, StateUpdate[] Updates);
