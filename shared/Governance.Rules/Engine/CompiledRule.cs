using Governance.Rules.Model;

namespace Governance.Rules.Engine;

/// <summary>
/// A rule ready to evaluate: its definition and its expressions as delegates. Delegates may throw on a
/// runtime type error; the engine then counts an error and treats the rule as false for that event.
/// </summary>
public sealed class CompiledRule
{
    /// <summary>The rule as written.</summary>
    public required RuleDefinition Definition { get; init; }

    /// <summary>The <c>when</c> condition.</summary>
    public required Func<RuleEvent, bool> When { get; init; }

    /// <summary>Optional condition the triggering event must meet to signal.</summary>
    public Func<RuleEvent, bool>? FireWhen { get; init; }

    /// <summary>For <c>sum(...)</c>: the amount an event adds (null: the event adds nothing).</summary>
    public Func<RuleEvent, double?>? Amount { get; init; }

    /// <summary>For <c>distinct(...)</c>: the item an event brings (null: nothing).</summary>
    public Func<RuleEvent, string?>? Item { get; init; }

    /// <summary>For <c>groupBy</c>: the key an event belongs to (null: the event is skipped).</summary>
    public Func<RuleEvent, string?>? GroupKey { get; init; }

    /// <summary>For ratio: whether the event counts in the numerator.</summary>
    public Func<RuleEvent, bool>? Numerator { get; init; }

    /// <summary>For ratio: whether the event counts in the denominator.</summary>
    public Func<RuleEvent, bool>? Denominator { get; init; }

    /// <summary>The rule's id.</summary>
    public string Id => Definition.Id;

    /// <summary>True when the rule looks at events of this source (<c>content</c> or <c>transaction</c>).</summary>
    public bool Accepts(string source) => Definition.Source switch
    {
        RuleSource.Any => true,
        RuleSource.Content => source == "content",
        _ => source == "transaction",
    };
}
