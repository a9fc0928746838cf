using System.CommandLine;
using System.Globalization;
using Governance.Alerting.IntegrationTests;
using Governance.Cli.Commands;
using Governance.Cli.Rules;
using Governance.Cli.Watch;
using Governance.Rules.Packs;
using Governance.SampleData.Simulation;
using Governance.Scoring;
using Governance.Testing;
using Governance.Validation;
using Xunit.Abstractions;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// Issue 11: a labelled stream from <c>governance simulate</c> through the three services, run as separate
/// <c>dotnet</c> processes as deployed, judged
/// against its ground truth and against <c>governance rules backtest --labels</c> of the same stream (the same
/// window code and escalation policy, replayed from a file). <c>governance watch</c> taps every stage meanwhile
/// and reconciles them at the end.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class LabelledStreamTests(KafkaBroker broker, RedisServer redis, RabbitMqServer rabbit, ITestOutputHelper output) : IDisposable
{
    // 100 creators, 4 h of event time at 0.5 events/s with 0.5 % broken copies: 6,400 to 8,000 records (the day's
    // rhythm moves the rate: it depends on the hour the stream starts), 26 abusive creators and 16 honest traps
    // (patterns of up to 8 h do not all complete in 4 h: the backtest says which do).
    private static readonly string[] Shape = ["--creators", "100", "--rate", "0.5", "--duration", "4h", "--seed", "1", "--invalid-share", "0.005"];

    // Played at 1,440x: the 4 h in 10 s of wall clock.
    private const string Speed = "1440";

    private static readonly string Rules = Path.Combine(RepositoryPaths.Root, "rules");
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("governance-e2e-");

    [Fact]
    public async Task AbusiveCreatorsAreFlaggedWithTheirEvidenceHonestOnesAreNotAndEveryRecordIsAccountedFor()
    {
        // Ends ten minutes ago, whole minutes: no valid record is in the future, and both runs of the simulator agree.
        var start = DateTimeOffset.FromUnixTimeSeconds((DateTimeOffset.UtcNow.AddHours(-4).AddMinutes(-10).ToUnixTimeSeconds() / 60) * 60).ToString("O", CultureInfo.InvariantCulture);
        var prefix = "e2e" + Guid.NewGuid().ToString("N")[..6];
        var (file, truthFile, ready) = (Temp("stream.jsonl"), Temp("truth.jsonl"), Temp("watch.ready"));

        // The stream as a file, and what the labelled backtest makes of it.
        Assert.Equal(0, await CliAsync(["simulate", "--out", file, "--truth", truthFile, "--start", start, "--id-prefix", prefix, .. Shape]));
        var input = RawEventFile.Read(File.ReadLines(file), new ValidationLimits(), TimeProvider.System);
        var pack = RulePackCompiler.Compile(RulePackFiles.Read(Rules)).Pack!;
        var replay = await Replay.RunAsync(pack, input.Events, CancellationToken.None);
        var backtestAlerted = AlertReplay.FirstAlerts(replay, EscalationPolicyParser.Load(Path.Combine(Rules, EscalationPolicyParser.RelativePath)))
            .Select(a => a.CreatorId).ToHashSet(StringComparer.Ordinal);
        var truth = TruthFile.Read(truthFile);
        var abusive = truth.Where(t => t.IsAbuse).Select(t => t.CreatorId).ToHashSet(StringComparer.Ordinal);

        // The same stream produced, paced, to the running services while the watcher taps every stage.
        await using var services = await RunningServices.StartAsync(broker, redis, rabbit, epoch: input.Events.Min(e => e.OccurredAt), processes: true);
        using var stop = new CancellationTokenSource();
        var watching = new WatchRunner(WatchOptions(services, truthFile, ready), TimeProvider.System).WatchAsync(stop.Token);
        Assert.True(await ReadyAsync(ready, watching), "the watcher did not get its taps in place");
        var fed = await CliAsync(["simulate", "--bootstrap", broker.BootstrapServers, "--topic", $"content={services.ContentTopic}", "--topic", $"transactions={services.TransactionsTopic}",
            "--start", start, "--id-prefix", prefix, "--speed", Speed, .. Shape]);
        await stop.CancelAsync();
        var watched = await watching;
        Assert.Equal(0, fed);
        Assert.NotNull(watched);
        foreach (var line in watched.Summary.Lines())
        {
            output.WriteLine(line);
        }

        // Every record is accounted for: normalized, or dead-lettered with the reason validation gives it.
        var final = watched.Final;
        Assert.True(watched.Summary.Reconciliation.Settled, string.Join(Environment.NewLine, watched.Summary.Lines()));
        Assert.Equal(input.Lines, final.Input);
        Assert.Equal(input.Events.Count, final.Normalized);
        Assert.Equal(input.Rejected.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, (long)r.Value)), final.DeadLettered.OrderBy(d => d.Reason, StringComparer.Ordinal));
        Assert.True(input.RejectedCount > 0, "no malformed record was fed (positive control)");

        // Abusive creators the backtest alerts on are flagged, a clear majority of those the rules target;
        // no honest creator (trap or not) is flagged that the backtest does not flag too.
        var alerts = await services.TakeAllAlertsAsync();
        var latest = alerts.GroupBy(a => a.CreatorId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Revision)!, StringComparer.Ordinal);
        var expected = backtestAlerted.Where(abusive.Contains).ToList();
        output.WriteLine($"{input.Lines} records ({input.RejectedCount} malformed); {abusive.Count} abusive creators; backtest alerts {backtestAlerted.Count} creators ({expected.Count} abusive); the services flagged {latest.Count} ({latest.Keys.Count(abusive.Contains)} abusive)");
        var missed = expected.Where(c => !latest.ContainsKey(c)).ToList();
        Assert.True(missed.Count == 0, "abusive creators the backtest alerts on, not flagged: " + string.Join(", ", missed));
        Assert.True(3 * expected.Count >= 2 * watched.Summary.Detection!.Abusive, $"the backtest alerts on {expected.Count} of {watched.Summary.Detection.Abusive} abusive creators the rules target");
        var falseAlarms = latest.Keys.Where(c => !abusive.Contains(c) && !backtestAlerted.Contains(c)).ToList();
        Assert.True(falseAlarms.Count == 0, "honest creators flagged that the backtest does not flag: " + string.Join(", ", falseAlarms));

        // Each alert carries its evidence: the creator's own events, as the stream had them.
        var eventsOf = input.Events.ToLookup(e => e.CreatorId, e => e.EventId, StringComparer.Ordinal);
        Assert.All(latest, alert =>
        {
            Assert.NotEmpty(alert.Value.Signals);
            Assert.All(alert.Value.Signals, signal =>
            {
                Assert.Equal(alert.Key, signal.CreatorId);
                Assert.NotEmpty(signal.Evidence);
                Assert.All(signal.Evidence, e => Assert.Contains(e.EventId, eventsOf[alert.Key]));
            });
        });
    }

    public void Dispose() => _temp.Delete(recursive: true);

    private string Temp(string name) => Path.Combine(_temp.FullName, name);

    /// <summary><c>governance watch</c> on the services' own topics, groups, virtual host, queues and schema.</summary>
    private WatchOptions WatchOptions(RunningServices services, string truth, string ready) => new()
    {
        Kafka = CliKafka.Settings(broker.BootstrapServers),
        TruthPath = truth,
        RulesPath = Rules,
        ReadyFile = ready,
        Settle = TimeSpan.FromSeconds(90),
        Plain = true,
        PlainInterval = TimeSpan.FromSeconds(5),
        Topics = new WatchTopics { Content = services.ContentTopic, Transactions = services.TransactionsTopic, Events = services.EventsTopic, DeadLetter = services.DeadLetterTopic },
        IngestionGroup = services.IngestionGroup,
        SignalsGroup = services.SignalsGroup,
        Rabbit = new RabbitEndpoint
        {
            Host = rabbit.Host,
            VirtualHost = services.VirtualHost,
            User = rabbit.User,
            Password = rabbit.Password,
            Management = null,
            SignalQueue = services.SignalQueue,
            AlertsExchange = services.AlertsQueue,
        },
        Database = PostgresServer.ReadOnlyConnectionString(),
        Schema = services.Schema,
    };

    private static Task<int> CliAsync(string[] args) => new RootCommand { SimulateCommand.Create() }.Parse(args).InvokeAsync();

    private static async Task<bool> ReadyAsync(string ready, Task watching)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(ready) && !watching.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return File.Exists(ready);
    }
}
