namespace Governance.Rules.Engine;

/// <summary>Signal ids: consumers dedup on them, so a replay or a redelivery must give the same one.</summary>
public static class SignalIds
{
    /// <summary>Stable id of a signal: the same creator, rule, window end and group key always give the same id.</summary>
    public static string Of(RuleFiring firing)
    {
        ArgumentNullException.ThrowIfNull(firing);
        return ShortHash.Of($"{firing.Event.CreatorId}\n{firing.Rule.Id}\n{firing.WindowEnd.ToUnixTimeMilliseconds()}\n{firing.GroupKey}");
    }
}
