using System.Globalization;
using Governance.Testing;

namespace Governance.Chaos;

/// <summary>
/// The chaos suite: the labelled stream once undisturbed, then once per fault, each run compared with
/// the undisturbed one. Servers: the Kafka-protocol broker the tests use (KAFKA_BOOTSTRAP_SERVERS,
/// Docker, else librdkafka's mock cluster in this process), a Redis of the suite's own with the
/// deployed persistence, and the local RabbitMQ (a virtual host per run).
/// </summary>
public sealed class ChaosSuite(ChaosOptions options, TextWriter log)
{
    public async Task<SuiteReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var output = options.OutputDirectory ?? Path.Combine(RepositoryPaths.Root, ".artifacts", "chaos", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(output);
        var rules = Path.Combine(RepositoryPaths.Root, "rules");
        var stream = options.StreamFile is { } file ? StreamRecord.ReadFile(file) : LabelledInput.Generate(options.Shape, rules, options.Seed);
        StreamRecord.WriteFile(Path.Combine(output, "stream.jsonl"), stream);
        await log.WriteLineAsync(Describe(stream, output));

        var kafka = new KafkaBroker();
        await kafka.InitializeAsync();
        var rabbit = new RabbitMqServer();
        await rabbit.InitializeAsync();
        using var redis = new DurableRedis();
        using var cluster = options.RedisCluster || options.Faults.Any(f => f.NeedsCluster) ? new DurableRedisCluster() : null;
        try
        {
            var context = new ChaosContext(
                kafka, redis, cluster, options.RedisCluster, rabbit,
                RepositoryPaths.BuiltDll("services", "Governance.Ingestion"),
                RepositoryPaths.BuiltDll("services", "Governance.Signals"),
                RepositoryPaths.BuiltDll("services", "Governance.Alerting"),
                RepositoryPaths.BuiltDll("tools", "Governance.Cli", "governance"),
                rules, output, options.RecordsPerSecond, options.SettleTimeout, options.PinEpoch, log);
            await log.WriteLineAsync($"kafka: {kafka.Mode} {kafka.BootstrapServers}; redis: {redis.Configuration}{(cluster is null ? "" : $", cluster {cluster.Configuration} ({(options.RedisCluster ? "every run" : "the cluster faults")})")} (AOF, appendfsync always); rabbitmq: {rabbit.Host} (a vhost per run); postgresql: 127.0.0.1:5432 (a schema per run); epoch {(options.PinEpoch ? "pinned to the stream's first event" : "left to the worker's first batch")}");
            var baselineRules = KnownBugs.BaselineRules(rules);
            var comparisons = new List<RunComparison>();
            var baseline = await RunOneAsync(context, Fault.Baseline, stream, cancellationToken);
            comparisons.Add(RunComparison.Compare(baseline, baseline, baselineRules));

            // The backtest runs the worker's window code over memory: it must decide exactly what the worker did.
            await log.WriteLineAsync("run backtest: governance rules backtest on the same records");
            comparisons.Add(RunComparison.Compare(baseline, await new BacktestRun(context).ExecuteAsync(stream, cancellationToken), baselineRules));
            foreach (var (fault, index) in options.Faults.Select((f, i) => (f, i)))
            {
                var result = await RunOneAsync(context, fault, stream, cancellationToken, options.Seed + index + 1);
                comparisons.Add(RunComparison.Compare(baseline, result, baselineRules));
            }

            var report = new SuiteReport(stream.Count, comparisons, output);
            await File.WriteAllTextAsync(Path.Combine(output, "table.txt"), report.Table() + report.Details(), cancellationToken);
            return report;
        }
        finally
        {
            await kafka.DisposeAsync();
        }
    }

    private async Task<RunResult> RunOneAsync(ChaosContext context, Fault fault, List<StreamRecord> stream, CancellationToken cancellationToken, int seed = 0)
    {
        await log.WriteLineAsync($"run {fault.Name}: {fault.Describe()}");
        var result = await new ChaosRun(context, fault, seed).ExecuteAsync(stream, cancellationToken);
        var distinct = result.Signals.Select(RunComparison.Key).Distinct(StringComparer.Ordinal).Count();
        var alerts = result.Alerts?.Select(a => a.AlertId).Distinct(StringComparer.Ordinal).Count() ?? 0;
        await log.WriteLineAsync($"  done in {result.Duration.TotalSeconds:0} s: {result.Signals.Count} signal deliveries ({distinct} distinct), {result.Alerts?.Count ?? 0} alert messages ({alerts} alerts), inputs {result.InputsAccounted}/{result.InputsIn} accounted, {result.TooLate} too_late{(result.Settled ? "" : ", NOT SETTLED")}");
        return result;
    }

    private static string Describe(List<StreamRecord> stream, string output)
    {
        var valid = stream.Where(r => r.ExpectedRejection is null && r.At < DateTimeOffset.UtcNow).ToList();
        var dense = valid.Where(r => r.EventId?.StartsWith("chaos-", StringComparison.Ordinal) == true).ToList();
        var span = dense.Count > 1 ? dense.Max(r => r.At) - dense.Min(r => r.At) : TimeSpan.Zero;
        var creators = stream.Select(r => r.Key).Distinct(StringComparer.Ordinal).Count();
        var abusive = stream.Select(r => r.Key).Where(k => k.StartsWith("abuse-", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Count();
        return $"stream: {stream.Count} records ({stream.Count(r => r.ExpectedRejection is not null)} invalid), {creators} creators ({abusive} abusing), "
            + $"{span.TotalMinutes:0} min of event time ({(span > TimeSpan.Zero ? dense.Count / span.TotalSeconds : 0):0.0} events/s); written to {output}/stream.jsonl";
    }
}
