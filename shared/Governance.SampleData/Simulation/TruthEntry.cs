namespace Governance.SampleData.Simulation;

/// <summary>Ground truth for one creator cast in a scenario.</summary>
/// <param name="CreatorId">The creator.</param>
/// <param name="Pattern">The abuse pattern or honest trap (<see cref="Patterns"/>).</param>
/// <param name="Label"><c>abuse</c> or <c>honest</c> (a trap: looks like abuse, is not).</param>
/// <param name="FirstEventAt">Event time of the scenario's first event (the first abusive event for abuse).</param>
/// <param name="CompletedAt">Event time of the scenario's last injected event (the pattern is complete).</param>
public sealed record TruthEntry(string CreatorId, string Pattern, string Label, DateTimeOffset FirstEventAt, DateTimeOffset CompletedAt)
{
    /// <summary>Label of abusive creators.</summary>
    public const string Abuse = "abuse";

    /// <summary>Label of honest creators cast in a trap.</summary>
    public const string Honest = "honest";

    /// <summary>True for abuse.</summary>
    public bool IsAbuse => Label == Abuse;
}
