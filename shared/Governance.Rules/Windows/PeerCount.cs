namespace Governance.Rules.Windows;

/// <summary>
/// Events of one rule's peer group in one hour of event time: how many moved the numerator and the
/// denominator of a surprise rule, over every creator of the group (<see cref="IPeerCounts"/>).
/// </summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Band">The volume band: the creators' denominator events over the rule's baseline history, by order of magnitude.</param>
/// <param name="Hour">Start of the hour (event time).</param>
/// <param name="Numerator">Numerator events.</param>
/// <param name="Denominator">Denominator events.</param>
public readonly record struct PeerCount(string RuleId, int Band, DateTimeOffset Hour, long Numerator, long Denominator);
