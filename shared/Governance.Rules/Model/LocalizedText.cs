namespace Governance.Rules.Model;

/// <summary>A reason template in English and Spanish, with placeholders such as {value} and {threshold}.</summary>
public sealed record LocalizedText(string En, string Es)
{
    /// <summary>The placeholders a reason may use.</summary>
    public static IReadOnlySet<string> Placeholders { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "value", "threshold", "window", "creatorId", "ruleId", "count", "baseline", "key",
    };
}
