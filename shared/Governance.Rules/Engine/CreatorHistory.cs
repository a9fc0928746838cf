namespace Governance.Rules.Engine;

/// <summary>How long a creator has been seen, for its baseline: its first event of the source, the deployment's start, the window's end.</summary>
internal readonly record struct CreatorHistory(DateTimeOffset FirstSeen, DateTimeOffset Epoch, DateTimeOffset WindowEnd);
