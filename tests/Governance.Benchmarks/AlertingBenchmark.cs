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
internal sealed class AlertingBenchmark(int signals, int rate, int seconds, int warmUp)
{
    private const string Owner = "Host=127.0.0.1;Port=5432;Database=governance;Username=governance;Password=governance-dev";
    private const string Service = "Host=127.0.0.1;Port=5432;Database=governance;Username=governance_alerting;Password=alerting-dev";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    // A warm-up round that compiles fewer methods than this leaves the JIT mostly done (a cold process compiles
    // ~20,000 in its first 5,000 signals, and tier-1 recompilation of the hot ones goes on for several rounds).
    private const int QuietJit = 500;
    private const int WarmUpRounds = 8;
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
            // 0. Warm-up, untimed: a service instance and a bare loop of their own each drain --warmup signals first,
            // so the measured ones run compiled code as a service that has been up for a while does (a fresh
            // process spends most of its first 10,000 signals in the JIT, and the bare loop would otherwise run
            // on code the service's run compiled).
            if (warmUp > 0 && !await WarmUpAsync("w" + run, options))
            {
                return 1;
            }

            // 1. The service, draining a full queue of mixed signals.
            await _queues.DeclareInputAsync(input);
            await _queues.DeclareOutputAsync(output);
            await _queues.SendAsync(input, signals, new AlertingSignalMix("t" + run, signals).Signal, 0, CancellationToken.None);
            await using var probe = await _queues.ProbeAsync(output, parse: false);
            double serviceRate;
            (double P50, double P99, double Max) latency;
            var jit = JitActivity.Now();
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
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"service   {serviceRate,8:N0} signals/s ({signals:N0} signals → PostgreSQL → {revisions:N0} revisions of {opened:N0} alerts, {alerts:N0} CreatorFlagged sent; {jit.Since()}; load average {LoadAverage()})"));

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
            var bareJit = JitActivity.Now();
            if (await RunBareAsync("b" + run, bareIn, bareOut, schema, signals, options) is not { } bareRate)
            {
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bare      {bareRate,8:N0} signals/s (batch consume → one multi-row insert → confirmed sends; {bareJit.Since()}; load average {LoadAverage()})"));
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
    /// Warms the process up: a service instance of its own drains rounds of <c>warmUp</c> signals until a round
    /// compiles fewer than <see cref="QuietJit"/> methods (at most <see cref="WarmUpRounds"/> rounds), then a bare
    /// loop of its own drains one round. Their queues and schema are deleted after.
    /// </summary>
    private async Task<bool> WarmUpAsync(string run, AlertingOptions options)
    {
        var (input, output, decisions, schema) = ($"bench-signals-{run}", $"bench-alerts-{run}", $"bench-decisions-{run}", "bench_" + run);
        var (bareIn, bareOut) = ($"bench-bare-in-{run}", $"bench-bare-out-{run}");
        var jit = JitActivity.Now();
        try
        {
            await _queues.DeclareInputAsync(input);
            await _queues.DeclareOutputAsync(output);
            await using var probe = await _queues.ProbeAsync(output, parse: false);
            var rounds = 0;
            var perRound = new List<long>();
            using (var host = await StartServiceAsync(input, output, decisions, schema))
            {
                for (var round = JitActivity.Now(); rounds < WarmUpRounds; round = JitActivity.Now())
                {
                    rounds++;
                    await _queues.SendAsync(input, warmUp, new AlertingSignalMix($"t{run}r{rounds}", warmUp).Signal, 0, CancellationToken.None);
                    if (await DrainedAsync(schema, warmUp * rounds, probe, 0) is null)
                    {
                        Console.WriteLine($"warm-up: the service did not drain {warmUp} signals within {Timeout}");
                        return false;
                    }

                    perRound.Add(round.MethodsSince());
                    if (perRound[^1] < QuietJit)
                    {
                        break;
                    }
                }

                await host.StopAsync();
            }

            var bare = await RunBareAsync("b" + run, bareIn, bareOut, schema, warmUp, options);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up   {rounds} × {warmUp:N0} signals through a service instance (methods compiled per round: {string.Join(" / ", perRound.Select(m => m.ToString("N0", CultureInfo.InvariantCulture)))}), then {warmUp:N0} through a bare loop, of their own, not timed ({jit.Since()})"));
            return bare is not null;
        }
        finally
        {
            await _queues.DeleteAsync(input, input + "_error", input + "_skipped", output, decisions, decisions + "_error", decisions + "_skipped", bareIn, bareOut);
            await using var connection = new NpgsqlConnection(Owner);
            await connection.ExecuteAsync($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        }
    }

    /// <summary>The bare loop drains <paramref name="count"/> signals of the mix; returns its signals/s, or null when they did not all arrive.</summary>
    private async Task<double?> RunBareAsync(string tag, string bareIn, string bareOut, string schema, int count, AlertingOptions options)
    {
        await using (var connection = new NpgsqlConnection(Owner))
        {
            await connection.ExecuteAsync($"CREATE TABLE {schema}.bare_signals (signal_id text PRIMARY KEY, creator_id text NOT NULL, payload jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now())");
        }

        await _queues.DeclareInputAsync(bareIn);
        await _queues.DeclareOutputAsync(bareOut);
        await _queues.SendAsync(bareIn, count, new AlertingSignalMix(tag, count).Signal, 0, CancellationToken.None);
        await using var bareProbe = await _queues.ProbeAsync(bareOut, parse: false);
        using (var bare = await BareAlertingLoop.StartAsync(bareIn, bareOut, Owner + $";Search Path={schema}", options))
        {
            if (!await bareProbe.WaitForAsync(count, Timeout))
            {
                Console.WriteLine($"bare: only {bareProbe.Count} of {count} arrived");
                return null;
            }

            await bare.StopAsync();
        }

        return count / (bareProbe.LastArrival - await FirstAsync(schema, "bare_signals")).TotalSeconds;
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
