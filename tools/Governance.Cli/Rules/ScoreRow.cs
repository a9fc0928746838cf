namespace Governance.Cli.Rules;

/// <summary>
/// How one rule (or the whole pack) did against the truth. Precision is over the creators it flagged
/// (abusive in any pattern counts as a true positive); recall is over the abusive creators of its own
/// pattern (the pattern named after the rule) or, for the pack, over every abusive creator an enforced
/// rule is meant to catch. Latency is from a creator's first abusive event to the first signal, event time.
/// </summary>
internal sealed record ScoreRow(
    string Name,
    string Mode,
    int Flagged,
    int TruePositives,
    int FalsePositives,
    int Abusive,
    int Caught,
    double? Precision,
    double? Recall,
    TimeSpan? LatencyP50,
    TimeSpan? LatencyP95,
    TimeSpan? AfterCompleteP95);
