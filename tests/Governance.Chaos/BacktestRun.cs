using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Contracts;

namespace Governance.Chaos;

/// <summary>
/// <c>governance rules backtest</c> on the stream's records, as an engineer would run it on a file:
/// its signals (signalId, value, windowEnd, evidence) must be the undisturbed worker's, because both run
/// the same window code; every record must be read, as valid or rejected.
/// </summary>
public sealed partial class BacktestRun(ChaosContext context)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public async Task<RunResult> ExecuteAsync(IReadOnlyList<StreamRecord> stream, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var input = Path.Combine(context.OutputDirectory, "backtest-input.jsonl");

        // One record per line: a line break inside a record is JSON whitespace or invalid either way.
        await File.WriteAllLinesAsync(input, stream.Select(r => r.Value.ReplaceLineEndings(" ")), cancellationToken);
        var blank = stream.Count(r => string.IsNullOrWhiteSpace(r.Value));
        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { context.CliDll, "rules", "backtest", "--events", input, "--rules", context.RulesPath, "--format", "json", "--max-record-bytes", ServiceEnvironment.MaxRecordBytes },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        var summary = await stderr;
        await File.WriteAllTextAsync(Path.Combine(context.OutputDirectory, "backtest.log"), output + summary, cancellationToken);

        var signals = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Signal).ToList();
        var counts = Summary().Match(summary);
        var valid = counts.Success ? int.Parse(counts.Groups["valid"].Value, CultureInfo.InvariantCulture) : 0;
        var rejected = counts.Success ? int.Parse(counts.Groups["rejected"].Value, CultureInfo.InvariantCulture) : 0;
        var tooLate = TooLate().Match(summary) is { Success: true } late ? int.Parse(late.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        await File.WriteAllLinesAsync(Path.Combine(context.OutputDirectory, "backtest-signals.jsonl"), signals.Select(s => JsonSerializer.Serialize(s, GovernanceJsonContext.Default.RiskSignalDetected)), cancellationToken);
        return new RunResult(
            new Fault(FaultKind.Backtest, 0), signals, Alerts: null, stream.Count, valid + rejected + blank, valid, rejected + blank, tooLate, 0,
            Settled: process.ExitCode == 0 && counts.Success, HandOffDeclared: true, clock.Elapsed, []);
    }

    /// <summary>A line of the backtest's JSON output as the signal it stands for (the fields the comparison reads).</summary>
    private static RiskSignalDetected Signal(string line)
    {
        var root = JsonDocument.Parse(line).RootElement;
        return new RiskSignalDetected
        {
            SignalId = root.GetProperty("signalId").GetString()!,
            CreatorId = root.GetProperty("creatorId").GetString()!,
            RuleId = root.GetProperty("ruleId").GetString()!,
            RuleVersion = root.GetProperty("ruleVersion").GetString()!,
            Mode = root.GetProperty("mode").GetString()!,
            GroupKey = root.TryGetProperty("groupKey", out var group) ? group.GetString() : null,
            Value = root.GetProperty("value").GetDouble(),
            Threshold = root.GetProperty("threshold").GetString()!,
            WindowEnd = root.GetProperty("windowEnd").GetDateTimeOffset(),
            Evidence = root.GetProperty("evidence").Deserialize(GovernanceJsonContext.Default.IReadOnlyListEvidenceItem) ?? [],
            Severity = "",
            Window = "",
            DetectedAt = root.GetProperty("windowEnd").GetDateTimeOffset(),
        };
    }

    [GeneratedRegex(@"valid: (?<valid>\d+); rejected: (?<rejected>\d+)")]
    private static partial Regex Summary();

    [GeneratedRegex(@"too late: (\d+)")]
    private static partial Regex TooLate();
}
