using Governance.Rules.Engine;
using Governance.Rules.Packs;
using Governance.Validation;

namespace Governance.Cli.Rules;

/// <summary>Runs every rule's fixtures, each against that rule alone, and reports each case.</summary>
internal static class RuleTestRunner
{
    public static async Task<IReadOnlyList<RuleTestOutcome>> RunAsync(RulePackFiles files, RulePack pack, TimeProvider time, CancellationToken cancellationToken)
    {
        var outcomes = new List<RuleTestOutcome>();
        foreach (var rule in pack.Rules)
        {
            foreach (var test in rule.Definition.Tests)
            {
                var fixture = files.Files[RulePackCompiler.Fixture("", test.EventsFile)];
                var input = RawEventFile.Read(fixture.Split('\n'), new ValidationLimits(), time);
                var result = await Replay.RunAsync(new RulePack(pack.Version, [rule]), input.Events, cancellationToken);
                var problems = new List<string>();
                if (input.RejectedCount > 0)
                {
                    problems.Add($"{input.RejectedCount} fixture lines are invalid ({string.Join(", ", input.Rejected.Select(r => $"{r.Key}×{r.Value}"))})");
                }

                var fired = result.Firings.Count;
                if (test.Fires != (fired > 0))
                {
                    problems.Add(test.Fires ? "expected it to fire; it did not" : $"expected no firing; it fired {fired}× (first at {result.Firings[0].Firing.Event.EventId}, value {result.Firings[0].Firing.Value:0.###})");
                }

                if (test.Value is { } value && fired > 0 && Math.Abs(result.Firings[0].Firing.Value - value) > 1e-6)
                {
                    problems.Add($"expected value {value}; the first firing had {result.Firings[0].Firing.Value:0.###}");
                }

                if (test.Firings is { } count && count != fired)
                {
                    problems.Add($"expected {count} firings; got {fired}");
                }

                outcomes.Add(new RuleTestOutcome(rule.Id, test.Name, problems));
            }
        }

        return outcomes;
    }
}
