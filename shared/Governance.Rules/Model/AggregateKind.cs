namespace Governance.Rules.Model;

/// <summary>What a rule computes over its window.</summary>
public enum AggregateKind
{
    /// <summary>Matching events.</summary>
    Count,

    /// <summary>Sum of an expression over matching events.</summary>
    Sum,

    /// <summary>Distinct values of an expression over matching events.</summary>
    Distinct,

    /// <summary>Count of one rule-local filter divided by the count of another.</summary>
    Ratio,

    /// <summary>
    /// How unlikely the count of one filter is, given the count of another times an expected rate:
    /// the Poisson upper tail P(N ≥ observed) (<see cref="Engine.SurpriseTest"/>).
    /// </summary>
    Surprise,
}
