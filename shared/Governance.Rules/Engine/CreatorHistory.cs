namespace Governance.Rules.Engine;

/// <summary>What a baseline compares with: the deployment's start (event time) and the window's end.</summary>
internal readonly record struct CreatorHistory(DateTimeOffset Epoch, DateTimeOffset WindowEnd);
