namespace Governance.Cli.Alerts;

/// <summary>The CLI's decision words and the contract's (docs/contracts.md).</summary>
internal static class DecisionNames
{
    public static readonly string[] Accepted = ["confirmed", "dismissed", "needs_more_info", "violation_confirmed", "no_violation"];

    public static string ToContract(string decision) => decision switch
    {
        "confirmed" => "violation_confirmed",
        "dismissed" => "no_violation",
        _ => decision,
    };
}
