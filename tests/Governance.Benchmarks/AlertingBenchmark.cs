using System.Diagnostics;
using System.Globalization;
using Dapper;
using Governance.Alerting;
using Governance.Hosting;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RabbitMQ.Client;

namespace Governance.Benchmarks;

/// <summary>
/// Alerting end to end: mixed, realistic signals (<see cref="AlertingSignalMix"/>) pre-filled in a quorum
/// queue → the service (a PostgreSQL transaction per batch, outbox, confirmed send) → its alerts queue, in
/// signals/s from the first batch's transaction to the last alert's arrival; then signal→queue latency at
/// a steady rate; then the bare batch consume → insert → send loop on the same servers.
/// </summary>
internal sealed class AlertingBenchmark(int signals, int rate, int seconds)
{
    private const string Owner = "Host=127.0.0.1;Port=5432;Database=governance;Username=governance;Password=governance-dev";
    private const string Service = "Host=127.0.0.1;Port=5432;Database=governance;Username=governance_alerting;Password=alerting-dev";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly AlertingQueues _queues = new(new ConnectionFactory { HostName = "127.0.0.1", UserName = "guest", Password = "guest" });

    public async Task<int> RunAsync()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var (input, output, decisions, schema) = ($"bench-signals-{run}", $"bench-alerts-{run}", $"bench-decisions-{run}", "bench_" + run);
        var (bareIn, bareOut) = ($"bench-bare-in-{run}", $"bench-bare-out-{run}");
        var options = new AlertingOptions();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alerting benchmark: {signals:N0} signals per throughput run, latency at {rate:N0} signals/s for {seconds} s; batches of {options.Batch.MessageLimit} / {options.Batch.TimeLimit.TotalMilliseconds} ms, prefetch {options.PrefetchCount}, in flight {options.ConcurrentMessageLimit}; load average {LoadAverage()}"));
        try
        {
            // 1. The service, draining a full queue of mixed signals.
            await _queues.DeclareInputAsync(input);
            await _queues.DeclareOutputAsync(output);
            await _queues.SendAsync(input, signals, new AlertingSignalMix("t" + run, signals).Signal, 0, CancellationToken.None);
            await using var probe = await _queues.ProbeAsync(output, parse: false);
            double serviceRate;
            (double P50, double P99, double Max) latency;
            using (var host = await StartServiceAsync(input, output, decisions, schema))
            {
                if (await DrainedAsync(schema, signals, probe, 0) is not { } alerts)
                {
                    Console.WriteLine($"service: {probe.Count} alerts arrived; the inbox or the outbox did not drain within {Timeout}");
                    return 1;
                }

                serviceRate = signals / (probe.LastArrival - await FirstAsync(schema, "inbox")).TotalSeconds;
                var opened = await ScalarAsync<long>(schema, "SELECT count(*) FROM alerts");
                var revisions = await ScalarAsync<long>(schema, "SELECT count(*) FROM alert_history");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"service   {serviceRate,8:N0} signals/s ({signals:N0} signals → PostgreSQL → {revisions:N0} revisions of {opened:N0} alerts, {alerts:N0} CreatorFlagged sent; load average {LoadAverage()})"));

                // 2. Latency at a steady rate (the first second is warm-up and not counted).
                probe.Reset(parse: true);
                var count = rate * seconds;
                await _queues.SendAsync(input, count, new AlertingSignalMix("l" + run, count).Signal, rate, CancellationToken.None);
                var more = (await DrainedAsync(schema, signals + count, probe, alerts) ?? alerts) - alerts;
                latency = probe.Latency(skip: (int)(more / seconds));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency   signal→queue at {rate:N0}/s: p50 {latency.P50:0} ms, p99 {latency.P99:0} ms, max {latency.Max:0} ms ({probe.Count:N0} alerts)"));
                await host.StopAsync();
            }

            // 3. The bare loop on the same servers, the same signals.
            await using (var connection = new NpgsqlConnection(Owner))
            {
                await connection.ExecuteAsync($"CREATE TABLE {schema}.bare_signals (signal_id text PRIMARY KEY, creator_id text NOT NULL, payload jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now())");
            }

            await _queues.DeclareInputAsync(bareIn);
            await _queues.DeclareOutputAsync(bareOut);
            await _queues.SendAsync(bareIn, signals, new AlertingSignalMix("b" + run, signals).Signal, 0, CancellationToken.None);
            await using var bareProbe = await _queues.ProbeAsync(bareOut, parse: false);
            using (var bare = await BareAlertingLoop.StartAsync(bareIn, bareOut, Owner + $";Search Path={schema}", options))
            {
                if (!await bareProbe.WaitForAsync(signals, Timeout))
                {
                    Console.WriteLine($"bare: only {bareProbe.Count} of {signals} arrived");
                    return 1;
                }

                await bare.StopAsync();
            }

            var bareRate = signals / (bareProbe.LastArrival - await FirstAsync(schema, "bare_signals")).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bare      {bareRate,8:N0} signals/s (batch consume → one multi-row insert → confirmed sends; load average {LoadAverage()})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio     {serviceRate / bareRate:0.00} × bare (target ≥ 0.5); service ≥ 2,000 signals/s: {(serviceRate >= 2_000 ? "yes" : "no")}"));
            return 0;
        }
        finally
        {
            await _queues.DeleteAsync(input, input + "_error", input + "_skipped", output, decisions, decisions + "_error", decisions + "_skipped", bareIn, bareOut);
            await using var connection = new NpgsqlConnection(Owner);
            await connection.ExecuteAsync($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        }
    }

    /// <summary>
    /// Waits until the inbox holds <paramref name="signals"/> signals, the outbox has nothing unsent and the
    /// probe got every revision sent after <paramref name="before"/> (superseded ones are not sent); returns how many were sent.
    /// </summary>
    private static async Task<long?> DrainedAsync(string schema, int signals, OutputProbe probe, long before)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Timeout)
        {
            if (await ScalarAsync<long>(schema, "SELECT count(*) FROM inbox") >= signals
                && await ScalarAsync<long>(schema, "SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0
                && await ScalarAsync<long>(schema, "SELECT count(*) FROM outbox WHERE NOT superseded") is var total && probe.Count >= total - before)
            {
                return total;
            }

            await Task.Delay(100);
        }

        return null;
    }

    /// <summary>When the first batch's transaction began: PostgreSQL's now() of the earliest row.</summary>
    private static async Task<DateTimeOffset> FirstAsync(string schema, string table) =>
        new(DateTime.SpecifyKind(await ScalarAsync<DateTime>(schema, $"SELECT min(received_at) FROM {table}"), DateTimeKind.Utc));

    private static async Task<T> ScalarAsync<T>(string schema, string sql)
    {
        await using var connection = new NpgsqlConnection(Owner + $";Search Path={schema}");
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task<IHost> StartServiceAsync(string input, string output, string decisions, string schema)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alerting:InputQueue"] = input,
            ["Alerting:AlertsQueue"] = output,
            ["Alerting:DecisionsQueue"] = decisions,
            ["Alerting:BindMessageExchanges"] = "false",
            ["Alerting:PolicyPath"] = Path.Combine(BenchmarkPaths.RepositoryRoot(), "rules", "policy", "escalation.yaml"),
            ["Alerting:Database:Schema"] = schema,
            ["Alerting:Database:ConnectionString"] = Service,
            ["Alerting:Database:MigrationConnectionString"] = Owner,
            ["RabbitMq:Username"] = "guest",
            ["RabbitMq:Password"] = "guest",
        });
        builder.AddServiceDefaults(AlertingTelemetry.Name);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddApplicationServices();
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
