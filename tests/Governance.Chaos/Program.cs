using Governance.Chaos;

// dotnet run -c Release --project tests/Governance.Chaos -- [--short|--full] [--faults a,b:n] [--seed N] [--stream file.jsonl] [--redis-cluster]
ChaosOptions options;
try
{
    options = ChaosOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("usage: Governance.Chaos [--short|--full] [--faults name[:n],...] [--seed N] [--stream file.jsonl] [--events N] [--rate records/s] [--redis-cluster] [--unpinned-epoch] [--out dir]");
    Console.Error.WriteLine($"faults: {string.Join(", ", Fault.Names.Values.Where(n => n is not "none" and not "backtest"))} (none: another undisturbed run)");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var report = await new ChaosSuite(options, Console.Out).RunAsync(cancel.Token);
Console.WriteLine();
Console.Write(report.Table());
Console.Write(report.Details());
Console.WriteLine($"\n{(report.Passed ? "PASSED" : "FAILED")}; logs, stream and table in {report.OutputDirectory}");
return report.Passed ? 0 : 1;
