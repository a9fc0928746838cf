namespace Governance.Rules.Model;

/// <summary>
/// Compare the window's value with the creator's own trailing history: the rule also needs
/// value &gt; <see cref="Factor"/> × (average value per window over <see cref="History"/>).
/// </summary>
public sealed record Baseline(TimeSpan History, double Factor);
