using System.Text.Json;
using Governance.Testing;

namespace Governance.Cli.Tests;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("governance-simulate-");

    [Fact]
    public async Task SimulateWritesRawRecordsAndATruthThatTheLabelledBacktestReads()
    {
        var (events, truth) = (Path.Combine(_temp.FullName, "s.jsonl"), Path.Combine(_temp.FullName, "truth.csv"));

        var (exit, _, error) = await CliRun.RunAsync("simulate", "--out", events, "--truth", truth, "--rate", "2", "--duration", "10h", "--creators", "200", "--seed", "3");

        Assert.True(exit == 0, error);
        Assert.Contains("abusive creators (13 patterns)", error, StringComparison.Ordinal);
        var first = JsonDocument.Parse(File.ReadLines(events).First()).RootElement;
        foreach (var field in new[] { "eventId", "type", "creatorId", "occurredAt" })
        {
            Assert.True(first.TryGetProperty(field, out _), field);
        }

        var lines = File.ReadAllLines(truth);
        Assert.Equal("creatorId,pattern,label,firstEventAt,completedAt", lines[0]);
        Assert.Contains(lines, l => l.Contains(",refund-burst,abuse,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",good-first-day,honest,", StringComparison.Ordinal));

        var rules = Path.Combine(RepositoryPaths.Root, "rules");
        var (backtestExit, output, backtestError) = await CliRun.RunAsync("rules", "backtest", "--events", events, "--rules", rules, "--labels", truth, "--format", "json");

        Assert.True(backtestExit == 0, backtestError);
        Assert.Contains("rejected: 0", backtestError, StringComparison.Ordinal);
        var overall = JsonDocument.Parse(output).RootElement.GetProperty("overall");
        Assert.Equal(lines.Count(l => l.Contains(",abuse,", StringComparison.Ordinal) && !l.Contains(",off-platform-payment,", StringComparison.Ordinal)), overall.GetProperty("abusive").GetInt32());
    }

    [Fact]
    public async Task TheSameSeedWritesTheSameFile()
    {
        var (a, b) = (Path.Combine(_temp.FullName, "a.jsonl"), Path.Combine(_temp.FullName, "b.jsonl"));

        await CliRun.RunAsync("simulate", "--out", a, "--rate", "2", "--duration", "1h", "--creators", "150", "--seed", "9", "--lag", "transactions=30m");
        await CliRun.RunAsync("simulate", "--out", b, "--rate", "2", "--duration", "1h", "--creators", "150", "--seed", "9", "--lag", "transactions=30m");

        Assert.True(new FileInfo(a).Length > 10_000);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public async Task ALagOfTransactionsPutsThemBehindTheContentInTheFile()
    {
        var file = Path.Combine(_temp.FullName, "lag.jsonl");

        var (exit, _, error) = await CliRun.RunAsync("simulate", "--out", file, "--rate", "2", "--duration", "2h", "--creators", "150", "--lag", "transactions=30m");

        Assert.True(exit == 0, error);
        var start = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        var leading = File.ReadLines(file).Select(l => JsonDocument.Parse(l).RootElement)
            .TakeWhile(e => !e.TryGetProperty("orderId", out _)).ToList();
        // Transactions start arriving 30 minutes in: everything before the first one is content of those 30 minutes.
        Assert.True(leading.Count > 100, $"{leading.Count} content records before the first transaction");
        Assert.InRange(leading[^1].GetProperty("occurredAt").GetDateTimeOffset(), start.AddMinutes(25), start.AddMinutes(31));
    }

    [Theory]
    [InlineData("--lag", "orders=30m", "unknown source 'orders'")]
    [InlineData("--lag", "transactions", "is not source=duration")]
    [InlineData("--duration", "10x", "--duration: '10x' is not a duration")]
    public async Task BadOptionsAreNamed(string option, string value, string message)
    {
        var (exit, _, error) = await CliRun.RunAsync("simulate", "--out", Path.Combine(_temp.FullName, "x.jsonl"), option, value);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAFileOrABrokerItSaysWhereToWrite()
    {
        var saved = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS");
        Environment.SetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS", null);
        try
        {
            var (exit, _, error) = await CliRun.RunAsync("simulate", "--duration", "1h", "--creators", "150");

            Assert.Equal(2, exit);
            Assert.Contains("--out FILE, or --bootstrap", error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS", saved);
        }
    }

    public void Dispose() => _temp.Delete(recursive: true);
}
