namespace Governance.Rules.Model;

/// <summary>A fixture: a JSON-lines file of raw input events and what the rule must do on it.</summary>
/// <param name="Name">What the case shows.</param>
/// <param name="EventsFile">Path of the fixture, resolved against the rule file's folder.</param>
/// <param name="Fires">Whether the rule must fire at least once.</param>
/// <param name="Value">When set, the value of the first firing.</param>
/// <param name="Firings">When set, the exact number of firings (cooldown included).</param>
/// <param name="Where">Where the case is written.</param>
public sealed record RuleTestCase(string Name, string EventsFile, bool Fires, double? Value, int? Firings, SourceSpan Where);
