using System.Text.Json;
using Governance.Testing;

namespace Governance.Cli.Tests;

public sealed class RulesCommandTests : IDisposable
{
    private static readonly string Rules = Path.Combine(RepositoryPaths.Root, "rules");
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("governance-cli-");

    [Fact]
    public async Task TheDefaultPackIsValid()
    {
        var (exit, output, error) = await CliRun.RunAsync("rules", "validate", "--rules", Rules);

        Assert.True(exit == 0, error);
        Assert.Contains("valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidRuleIsReportedWithFileLineColumnAndFieldAndExitsNonZero()
    {
        var pack = CopyPack();
        var file = Path.Combine(pack, "refund-burst.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("window: 1h", "window: 90x", StringComparison.Ordinal));

        var (exit, _, error) = await CliRun.RunAsync("rules", "validate", "--rules", pack);

        Assert.Equal(1, exit);
        Assert.Matches(@"refund-burst\.yaml:\d+:9 window: '90x' is not a duration", error);
    }

    [Fact]
    public async Task EveryDefaultFixturePasses()
    {
        var (exit, output, error) = await CliRun.RunAsync("rules", "test", "--rules", Rules);

        Assert.True(exit == 0, output + error);
        Assert.Matches(@"\d+ passed, 0 failed", output);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongExpectationFailsTheTestCommand()
    {
        var pack = CopyPack();
        var file = Path.Combine(pack, "wash-trading.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("expect: { fires: true, value: 5 }", "expect: { fires: true, value: 7 }", StringComparison.Ordinal));

        var (exit, output, _) = await CliRun.RunAsync("rules", "test", "--rules", pack);

        Assert.Equal(1, exit);
        Assert.Contains("FAIL wash-trading: fires on the fifth order of one buyer", output, StringComparison.Ordinal);
        Assert.Contains("expected value 7; the first firing had 5", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BacktestWritesOneJsonObjectPerFiringAndCountsInvalidLines()
    {
        var events = Path.Combine(_temp.FullName, "events.jsonl");
        var lines = File.ReadAllLines(Path.Combine(Rules, "fixtures", "refund-burst.fires.jsonl"))
            .Concat(File.ReadAllLines(Path.Combine(Rules, "fixtures", "health-claims.fires-es.jsonl")))
            .Append("this is not json")
            .Append("""{"eventId":"x","type":"order.teleported","creatorId":"c","occurredAt":"2026-03-01T10:00:00Z","orderId":"o","buyerId":"b","amount":1,"currency":"USD"}""")
            // A content record of an unknown type: ingestion says unknown_type on the content topic, so must the backtest (not missing_field).
            .Append("""{"eventId":"y","type":"post.teleported","creatorId":"c","occurredAt":"2026-03-01T10:00:00Z","text":"hello"}""");
        File.WriteAllLines(events, lines);

        var (exit, output, error) = await CliRun.RunAsync("rules", "backtest", "--events", events, "--rules", Rules, "--format", "json");

        Assert.True(exit == 0, error);
        var firings = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(firings, f => f.GetProperty("ruleId").GetString() == "refund-burst" && f.GetProperty("value").GetDouble() < 1e-6);
        Assert.Contains(firings, f => f.GetProperty("ruleId").GetString() == "health-claims");
        Assert.All(firings, f =>
        {
            foreach (var field in new[] { "ruleId", "ruleVersion", "mode", "creatorId", "value", "threshold", "windowEnd", "evidence" })
            {
                Assert.True(f.TryGetProperty(field, out _), $"missing {field}");
            }
        });
        Assert.Contains("rejected: 3 (not_json: 1, unknown_type: 2)", error, StringComparison.Ordinal);
        Assert.Contains("elapsed", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BacktestJudgesRecordSizeWithTheDeploymentsLimit()
    {
        // A deployment whose ingestion limit is lower than the spec's 256 KiB rejects records the
        // default backtest would read: with the same limit the backtest rejects them too.
        var events = Path.Combine(_temp.FullName, "large.jsonl");
        var padded = File.ReadAllLines(Path.Combine(Rules, "fixtures", "refund-burst.fires.jsonl"))
            .Select(l => l.TrimEnd().TrimEnd('}') + ",\"padding\":\"" + new string('x', 2_000) + "\"}").ToList();
        File.WriteAllLines(events, padded);

        var (defaultExit, _, defaultError) = await CliRun.RunAsync("rules", "backtest", "--events", events, "--rules", Rules);
        var (exit, _, error) = await CliRun.RunAsync("rules", "backtest", "--events", events, "--rules", Rules, "--max-record-bytes", "1024");

        Assert.True(defaultExit == 0, defaultError);
        Assert.Contains($"valid: {padded.Count}; rejected: 0", defaultError, StringComparison.Ordinal);
        Assert.True(exit == 0, error);
        Assert.Contains($"valid: 0; rejected: {padded.Count} (too_large: {padded.Count})", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BacktestRefusesANonPositiveRecordLimit()
    {
        var (exit, _, error) = await CliRun.RunAsync("rules", "backtest", "--events", "x.jsonl", "--rules", Rules, "--max-record-bytes", "0");

        Assert.NotEqual(0, exit);
        Assert.Contains("--max-record-bytes must be positive", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BacktestOfAMissingFileSaysSo()
    {
        var (exit, _, error) = await CliRun.RunAsync("rules", "backtest", "--events", Path.Combine(_temp.FullName, "none.jsonl"), "--rules", Rules);

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingRulesFolderSaysSo()
    {
        var (exit, _, error) = await CliRun.RunAsync("rules", "validate", "--rules", Path.Combine(_temp.FullName, "nope"));

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Delete(recursive: true);

    private string CopyPack()
    {
        var target = Path.Combine(_temp.FullName, "rules");
        foreach (var file in Directory.EnumerateFiles(Rules, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Rules, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
