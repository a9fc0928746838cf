namespace Governance.Rules.Model;

/// <summary>One rule as written in its YAML file, validated but not compiled.</summary>
public sealed record RuleDefinition
{
    /// <summary>Unique kebab-case id; the rule's identity across versions (equals the file name).</summary>
    public required string Id { get; init; }

    /// <summary>Short human title.</summary>
    public required string Title { get; init; }

    /// <summary>What the rule looks for and why.</summary>
    public string Description { get; init; } = "";

    /// <summary>Team that owns it.</summary>
    public string Owner { get; init; } = "";

    /// <summary>Severity of its signals.</summary>
    public required Severity Severity { get; init; }

    /// <summary>Enforce or shadow.</summary>
    public required RuleMode Mode { get; init; }

    /// <summary>Which events it looks at.</summary>
    public required RuleSource Source { get; init; }

    /// <summary>Condition over the event; only matching events count.</summary>
    public required Located When { get; init; }

    /// <summary>
    /// Optional condition on the triggering event: the rule signals only on events for which it holds
    /// (events still count per <see cref="When"/>), e.g. only when the event advertises a discount.
    /// </summary>
    public Located? FireWhen { get; init; }

    /// <summary>What is computed over the window.</summary>
    public required AggregateKind Aggregate { get; init; }

    /// <summary>The expression of <c>sum(...)</c> or <c>distinct(...)</c>.</summary>
    public Located? Argument { get; init; }

    /// <summary>For ratio: the numerator and denominator filter names.</summary>
    public (string Numerator, string Denominator)? RatioOf { get; init; }

    /// <summary>Rule-local named conditions (used by ratio).</summary>
    public IReadOnlyDictionary<string, Located> Filters { get; init; } = new Dictionary<string, Located>();

    /// <summary>Per-key aggregate: the value is computed for each key (e.g. buyer) and the largest one is compared.</summary>
    public Located? GroupBy { get; init; }

    /// <summary>Sliding event-time window, 1 minute to 30 days.</summary>
    public required TimeSpan Window { get; init; }

    /// <summary>The comparison the value must pass.</summary>
    public required Threshold Threshold { get; init; }

    /// <summary>No repeat signal for the same creator within this time.</summary>
    public required TimeSpan Cooldown { get; init; }

    /// <summary>Least number of events (ratio: denominator events) before the rule may fire.</summary>
    public int Minimum { get; init; }

    /// <summary>Surprise: numerator events expected per denominator event (e.g. 0.05 refunds per order).</summary>
    public double? Expected { get; init; }

    /// <summary>Optional comparison with the creator's own history.</summary>
    public Baseline? Baseline { get; init; }

    /// <summary>Reason templates for moderators.</summary>
    public required LocalizedText Reason { get; init; }

    /// <summary>Fixtures.</summary>
    public IReadOnlyList<RuleTestCase> Tests { get; init; } = [];

    /// <summary>The file it came from.</summary>
    public required string File { get; init; }

    /// <summary>Content hash of the rule (12 hex chars); carried by its signals.</summary>
    public required string Version { get; init; }

    /// <summary>
    /// Hash of what the window state depends on (source, conditions, aggregate, key, window, baseline):
    /// editing only the threshold, cooldown, severity or texts keeps the state; changing these starts fresh.
    /// </summary>
    public required string StateKey { get; init; }
}
