namespace Governance.Rules.Model;

/// <summary>
/// Compare the window's value with the creator's own trailing history over <see cref="History"/>.
/// Count and sum: the rule also needs value &gt; <see cref="Factor"/> × (average value per window).
/// Surprise: the expected rate is the creator's own rate before the window, blended with the rule's
/// <c>expected</c> rate weighted as <see cref="Prior"/> denominator events (null: two expected
/// numerator events' worth, 2 / expected), so a new creator is judged by the platform rate and a
/// creator's own history takes over as it accumulates.
/// </summary>
public sealed record Baseline(TimeSpan History, double Factor, double? Prior = null);
