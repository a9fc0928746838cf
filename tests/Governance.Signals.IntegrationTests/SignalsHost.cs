using Governance.Hosting;
using Governance.Redis;
using Governance.Signals.Packs;
using Governance.Signals.Pipeline;
using Governance.Testing;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Governance.Signals.IntegrationTests;

/// <summary>The signal worker as deployed (same registrations), on per-test topics and Redis prefix.</summary>
internal sealed class SignalsHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly RabbitMqServer _rabbit;

    private SignalsHost(IHost host, RabbitMqServer rabbit, string topic, string prefix, string groupId, string signalQueue)
    {
        _host = host;
        _rabbit = rabbit;
        Topic = topic;
        Prefix = prefix;
        GroupId = groupId;
        SignalQueueName = signalQueue;

        // Before the host starts: the first batches are counted before a test could attach.
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        EventsCounted = new MetricCollector<long>(meters, SignalsTelemetry.Name, "governance.signals.events");
        PackReloads = new MetricCollector<long>(meters, SignalsTelemetry.Name, "governance.signals.pack.reloads");
    }

    /// <summary>The durable signal queue this worker declared (its own, deleted with the host).</summary>
    public string SignalQueueName { get; }

    public string Topic { get; }

    public string Prefix { get; }

    /// <summary>The worker's consumer group.</summary>
    public string GroupId { get; }

    /// <summary>Events the worker evaluated, tagged by outcome (applied, duplicate, too_late, unreadable).</summary>
    public MetricCollector<long> EventsCounted { get; }

    /// <summary>Rule pack loads, tagged by result (loaded, rejected).</summary>
    public MetricCollector<long> PackReloads { get; }

    public LoopHealth Health => _host.Services.GetRequiredService<LoopHealth>();

    public RulePackHolder Packs => _host.Services.GetRequiredService<RulePackHolder>();

    /// <summary>Everything the worker logged.</summary>
    public FakeLogCollector Logs => _host.Services.GetFakeLogCollector();

    public RedisRulePackStore PackStore => _host.Services.GetRequiredService<RedisRulePackStore>();

    /// <summary>
    /// Starts a worker on topics, group and prefix of its own, or on those of <paramref name="successorOf"/>
    /// (stopped by then): a worker taking over after a crash.
    /// </summary>
    public static async Task<SignalsHost> StartAsync(KafkaBroker broker, RabbitMqServer rabbit, string redis, string rulesPath, IDictionary<string, string?>? extra = null, SignalsHost? successorOf = null)
    {
        var topic = successorOf?.Topic ?? await broker.CreateTopicAsync("events", 3);
        var prefix = successorOf?.Prefix ?? RedisServer.UniquePrefix();
        var builder = Host.CreateApplicationBuilder();
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Signals:GroupId"] = successorOf?.GroupId ?? "signals-" + Guid.NewGuid().ToString("N"),
            ["Signals:InputTopic"] = topic,
            ["Signals:DeadLetterTopic"] = topic + ".dlq",
            ["Signals:BatchSize"] = "200",
            ["Signals:BatchMaxWait"] = "00:00:00.050",
            ["Signals:RetryBackoff"] = "00:00:00.200",
            ["Signals:MaxRetryBackoff"] = "00:00:01",
            ["Signals:PackRefreshInterval"] = "00:00:01",
            ["Signals:RulesPath"] = rulesPath,
            ["Redis:Configuration"] = redis,
            ["Redis:KeyPrefix"] = prefix,
            ["RabbitMq:Host"] = rabbit.Host,
            ["RabbitMq:Username"] = rabbit.User,
            ["RabbitMq:Password"] = rabbit.Password,
            ["RabbitMq:SignalQueue"] = "test-risk-signals-" + Guid.NewGuid().ToString("N"),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults(SignalsTelemetry.Name);
        builder.AddApplicationServices();
        builder.Logging.AddFakeLogging();
        var host = builder.Build();
        var started = new SignalsHost(host, rabbit, topic, prefix, settings["Signals:GroupId"]!, settings["RabbitMq:SignalQueue"]!);
        await host.StartAsync();
        return started;
    }

    public async Task WaitUntilRunningAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Health.Running && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(Health.Running, "the signal worker did not start");
    }

    public async ValueTask DisposeAsync()
    {
        var virtualHost = _host.Services.GetRequiredService<IOptions<RabbitMqOptions>>().Value.VirtualHost;
        await _host.StopAsync(TimeSpan.FromSeconds(30));
        EventsCounted.Dispose();
        PackReloads.Dispose();
        _host.Dispose();
        await using var connection = await _rabbit.FactoryFor(virtualHost).CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(SignalQueueName, ifUnused: false, ifEmpty: false);
    }
}
