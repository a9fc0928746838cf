namespace Governance.Rules.Engine;

/// <summary>What a baseline compares with: since when its state has watched (event time: the deployment's start, or the rule's if added later) and the window's end.</summary>
internal readonly record struct CreatorHistory(DateTimeOffset Epoch, DateTimeOffset WindowEnd);
