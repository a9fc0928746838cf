using Governance.Chaos;
using Xunit.Abstractions;

namespace Governance.Chaos.Tests;

/// <summary>
/// The chaos suite's short form (docs/chaos.md): the labelled stream undisturbed, then with a few kills
/// of each kind (alerting's included), a rebalance, three workers joining and leaving on six partitions,
/// a Redis kill, slots resharded and a master killed on a Redis Cluster, a PostgreSQL restart and each
/// input topic 30 minutes behind the other; every run must hand off exactly the undisturbed run's
/// signals, put exactly its alerts in the moderation queue, and account for every input.
/// </summary>
public sealed class ChaosSuiteTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryFaultedRunHandsOffTheUndisturbedRunsSignalsAndAccountsForEveryInput()
    {
        using var log = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        SuiteReport report;
        try
        {
            report = await new ChaosSuite(ChaosOptions.ShortForm, log).RunAsync(timeout.Token);
        }
        finally
        {
            output.WriteLine(log.ToString());
        }

        output.WriteLine(report.Table());
        output.WriteLine(report.Details());
        // A positive control: the undisturbed run must itself fire tens of signals across many creators.
        var baseline = report.Runs[0].Run;
        Assert.True(baseline.Signals.Select(s => s.CreatorId).Distinct().Count() >= 20, $"the stream fired too little to prove anything:\n{report.Table()}");
        Assert.True(baseline.Alerts!.Select(a => a.CreatorId).Distinct().Count() >= 20, $"too few creators reached the moderation queue to prove anything:\n{report.Table()}");
        Assert.True(report.Passed, $"{report.Table()}\n{report.Details()}\nlogs in {report.OutputDirectory}");
    }
}
