namespace Governance.Rules.Windows;

/// <summary>Evidence of one state, as of <paramref name="WindowEnd"/>.</summary>
public sealed record EvidenceRequest(string CreatorId, string Key, TimeSpan Window, DateTimeOffset WindowEnd);
