using System.Globalization;
using System.Text;

namespace Governance.Chaos;

/// <summary>The suite's outcome: one line per run, the differences behind any failure.</summary>
public sealed record SuiteReport(int StreamRecords, IReadOnlyList<RunComparison> Runs, string OutputDirectory)
{
    public bool Passed => Runs.All(r => r.Passed);

    public string Table()
    {
        var text = new StringBuilder();
        var header = string.Format(CultureInfo.InvariantCulture, "{0,-20} {1,-38} {2,8} {3,5} {4,7} {5,5} {6,7} {7,9} {8,9} {9,8} {10,9} {11,13} {12,15}  {13}",
            "fault", "what", "expected", "got", "missing", "extra", "repeats", "inputs in", "accounted", "too_late", "evidence≠", "alerts exp/got", "miss/extra/≠", "result");
        text.AppendLine(header).AppendLine(new string('-', header.Length + 6));
        foreach (var r in Runs)
        {
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, "{0,-20} {1,-38} {2,8} {3,5} {4,7} {5,5} {6,7} {7,9} {8,9} {9,8} {10,9} {11,13} {12,15}  {13}",
                r.Run.Fault.Name, r.Run.Fault.Describe(), r.Expected, r.Got, r.Missing, r.Extra, r.Repeats, r.Run.InputsIn, r.Run.InputsAccounted, r.Run.TooLate, r.EvidenceDiffers,
                r.Alerts is { } a ? $"{a.Expected}/{a.Got}" : "-", r.Alerts is { } b ? $"{b.Missing}/{b.Extra}/{b.Differ}" : "-", Verdict(r)));
        }

        return text.ToString();
    }

    public string Details()
    {
        var text = new StringBuilder();
        foreach (var r in Runs.Where(r => !r.Passed || r.Run.Notes.Count > 0))
        {
            text.AppendLine().AppendLine($"{r.Run.Fault.Name} ({r.Run.Duration.TotalSeconds:0} s):");
            foreach (var note in r.Run.Notes)
            {
                text.AppendLine("  " + note);
            }

            foreach (var difference in r.Differences.Take(40))
            {
                text.AppendLine("  " + difference);
            }

            if (r.Differences.Count > 40)
            {
                text.AppendLine($"  ... {r.Differences.Count - 40} more");
            }
        }

        return text.ToString();
    }

    private static string Verdict(RunComparison r)
    {
        if (r.Passed)
        {
            return "ok";
        }

        var problems = new List<string>();
        if (!r.Run.Settled)
        {
            problems.Add("not settled");
        }

        if (!r.Run.HandOffDeclared)
        {
            problems.Add($"worker declared no queue [{KnownBugs.NoQueueDeclared}]");
        }

        if (r.Missing > 0 || r.Extra > 0)
        {
            problems.Add(r.Unexplained == 0
                ? $"signals differ, all in baseline rules [{KnownBugs.BaselineDependsOnBatches}]"
                : $"signals differ ({r.Unexplained} outside baseline rules)");
        }

        if (r.EvidenceDiffers > 0)
        {
            problems.Add("evidence differs");
        }

        if (r.RepeatsDiffer > 0)
        {
            problems.Add($"{r.RepeatsDiffer} repeats not identical");
        }

        if (r.Alerts is { Match: false } alerts)
        {
            problems.Add($"alerts differ ({alerts.Missing} missing, {alerts.Extra} extra, {alerts.Differ} different, {alerts.RepeatsDiffer} repeats not identical)");
        }

        if (!r.InputsMatch)
        {
            problems.Add(r.Run.NotProduced > 0 ? $"{r.Run.NotProduced} not produced"
                : r.Run.InputsAccounted != r.Run.InputsIn ? "inputs unaccounted"
                : $"{r.Run.Normalized} inputs valid, expected {r.ValidExpected}");
        }

        problems.AddRange(r.Run.Problems ?? []);
        return "FAIL: " + string.Join(", ", problems);
    }
}
