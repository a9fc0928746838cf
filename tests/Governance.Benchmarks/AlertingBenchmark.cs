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
/// Alerting end to end: signals pre-filled in a quorum queue → the service (PostgreSQL transaction per
/// signal, outbox, confirmed send) → its alerts queue, in signals/s; then signal→queue latency at a
/// steady rate; then the bare MassTransit consume → Dapper insert → send loop on the same servers.
/// Every signal is a critical one of a new creator, so each opens an alert (the heaviest path).
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
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alerting benchmark: {signals:N0} signals per throughput run, latency at {rate:N0} signals/s for {seconds} s; prefetch {options.PrefetchCount}, concurrency {options.ConcurrentMessageLimit}"));
        try
        {
            // 1. The service, draining a full queue.
            await _queues.DeclareInputAsync(input);
            await _queues.DeclareOutputAsync(output);
            await _queues.SendAsync(input, signals, "t" + run, 0, CancellationToken.None);
            await using var probe = await _queues.ProbeAsync(output);
            double serviceRate;
            (double P50, double P99, double Max) latency;
            using (var host = await StartServiceAsync(input, output, decisions, schema))
            {
                if (!await probe.WaitForAsync(signals, Timeout))
                {
                    Console.WriteLine($"service: only {probe.Count} of {signals} alerts arrived");
                    return 1;
                }

                serviceRate = probe.Rate();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"service   {serviceRate,8:N0} signals/s ({signals:N0} signals → PostgreSQL → {probe.Count:N0} CreatorFlagged)"));

                // 2. Latency at a steady rate (the first second is warm-up and not counted).
                probe.Reset();
                var count = rate * seconds;
                await _queues.SendAsync(input, count, "l" + run, rate, CancellationToken.None);
                await probe.WaitForAsync(count, Timeout);
                latency = probe.Latency(skip: rate);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency   signal→queue at {rate:N0}/s: p50 {latency.P50:0} ms, p99 {latency.P99:0} ms, max {latency.Max:0} ms ({probe.Count:N0} alerts)"));
                await host.StopAsync();
            }

            // 3. The bare loop on the same servers.
            await using (var connection = new NpgsqlConnection(Owner))
            {
                await connection.ExecuteAsync($"CREATE TABLE {schema}.bare_signals (signal_id text PRIMARY KEY, creator_id text NOT NULL, payload jsonb NOT NULL)");
            }

            await _queues.DeclareInputAsync(bareIn);
            await _queues.DeclareOutputAsync(bareOut);
            await _queues.SendAsync(bareIn, signals, "b" + run, 0, CancellationToken.None);
            await using var bareProbe = await _queues.ProbeAsync(bareOut);
            using (var bare = await BareAlertingLoop.StartAsync(bareIn, bareOut, Owner + $";Search Path={schema}", options.PrefetchCount, options.ConcurrentMessageLimit))
            {
                if (!await bareProbe.WaitForAsync(signals, Timeout))
                {
                    Console.WriteLine($"bare: only {bareProbe.Count} of {signals} arrived");
                    return 1;
                }

                await bare.StopAsync();
            }

            var bareRate = bareProbe.Rate();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bare      {bareRate,8:N0} signals/s (consume → Dapper insert → confirmed send)"));
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
