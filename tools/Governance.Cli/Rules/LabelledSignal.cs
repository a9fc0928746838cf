namespace Governance.Cli.Rules;

/// <summary>One firing as the labelled backtest sees it: which rule, whether it escalates, whom, when (event time).</summary>
internal sealed record LabelledSignal(string RuleId, bool Enforced, string CreatorId, DateTimeOffset At);
