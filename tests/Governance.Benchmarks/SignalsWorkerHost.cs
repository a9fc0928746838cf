using Governance.Hosting;
using Governance.Redis;
using Governance.Rules.Windows;
using Governance.Signals;
using Governance.Signals.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Governance.Benchmarks;

/// <summary>
/// The signal worker as deployed (its Program.cs registrations: service defaults with its telemetry,
/// <c>AddApplicationServices</c>) on the benchmark's topic and Redis prefix, with the default rule pack
/// from the repository's <c>rules/</c>. The only change: the window store is wrapped in a
/// <see cref="TimedWindowStore"/> to split batch time between Redis and the process.
/// </summary>
internal sealed class SignalsWorkerHost : IAsyncDisposable
{
    private readonly IHost _host;

    private SignalsWorkerHost(IHost host) => _host = host;

    public TimedWindowStore Store => (TimedWindowStore)_host.Services.GetRequiredService<IWindowStore>();

    /// <summary>Pipelined Redis round trips of the worker's store so far.</summary>
    public long RoundTrips => Redis.RoundTrips;

    public TimeSpan StoreCompute => Redis.ComputeTime;

    public int HeldCreators => Redis.CachedCreators;

    private HeldWindowStore Redis => (HeldWindowStore)Store.Inner;

    public static async Task<SignalsWorkerHost> StartAsync(string bootstrap, string topic, string prefix, string rulesPath, IReadOnlyDictionary<string, string?> overrides)
    {
        // No appsettings, environment or command line: only what is set here (deployment defaults otherwise).
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true, ApplicationName = "Governance.Signals", ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = bootstrap,
            ["Signals:GroupId"] = "bench-signals-" + prefix,
            ["Signals:InputTopic"] = topic,
            ["Signals:DeadLetterTopic"] = topic + ".deadletter",
            ["Signals:RulesPath"] = rulesPath,
            ["Redis:Configuration"] = SignalsBenchmark.RedisConfiguration,
            ["Redis:KeyPrefix"] = prefix,
        });
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.AddServiceDefaults(SignalsTelemetry.Name, "MassTransit");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddApplicationServices();
        builder.Services.AddSingleton<IWindowStore>(sp => new TimedWindowStore(new HeldWindowStore(
            sp.GetRequiredService<IConnectionMultiplexer>(),
            sp.GetRequiredService<RedisOptions>(),
            sp.GetRequiredService<IOptions<SignalsOptions>>().Value.Windows)));
        var host = builder.Build();
        await host.StartAsync();
        var health = host.Services.GetRequiredService<LoopHealth>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!health.Running)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the signal worker did not start (waiting for {health.WaitingFor ?? "nothing"})");
            }

            await Task.Delay(50);
        }

        return new SignalsWorkerHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(30));
        _host.Dispose();
    }
}
