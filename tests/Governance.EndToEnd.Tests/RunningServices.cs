using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Governance.Alerting;
using Governance.Alerting.IntegrationTests;
using Governance.Contracts;
using Governance.Hosting;
using Governance.Ingestion;
using Governance.Signals;
using Governance.Testing;
using MassTransit;
using MassTransit.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// The three services, each either a host in this process with its Program.cs registrations (service
/// defaults with its telemetry names, <c>AddApplicationServices</c>; the trace test reads their spans) or
/// its built service run as a separate <c>dotnet</c> process as deployed, wired to each other: ingestion
/// reads the test's input topics and writes its events topic, the signal worker reads that and hands
/// signals off in the queue the alerting service consumes, which sends CreatorFlagged to the test's
/// alerts queue. Everything is the test's own: topics, a Redis prefix, a RabbitMQ virtual host (no other
/// test's queue is bound to the message exchanges there) and a PostgreSQL schema; disposing removes
/// the virtual host and the schema.
/// </summary>
internal sealed class RunningServices : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly List<IHost> _hosts = [];
    private readonly List<ServiceProcess> _processes = [];
    private readonly KafkaBroker _broker;
    private readonly RabbitMqServer _rabbit;

    private RunningServices(KafkaBroker broker, RabbitMqServer rabbit, string run)
    {
        _broker = broker;
        _rabbit = rabbit;
        SignalQueue = $"test-signals-{run}";
        AlertsQueue = $"test-alerts-{run}";
        DecisionsQueue = $"test-decisions-{run}";
        Schema = "test_" + run;
        RedisPrefix = "test-" + run;
        VirtualHost = rabbit.CreateVirtualHost();
    }

    public string ContentTopic { get; private set; } = "";

    public string TransactionsTopic { get; private set; } = "";

    public string EventsTopic { get; private set; } = "";

    public string DeadLetterTopic { get; private set; } = "";

    public string SignalQueue { get; }

    public string AlertsQueue { get; }

    public string DecisionsQueue { get; }

    public string Schema { get; }

    public string RedisPrefix { get; }

    public string VirtualHost { get; }

    public string IngestionGroup => "ingestion-" + RedisPrefix;

    public string SignalsGroup => "signals-" + RedisPrefix;

    /// <summary>Starts alerting, then the signal worker, then ingestion, and waits until both loops run.</summary>
    /// <param name="epoch">
    /// When the deployment began (the worker's <c>{prefix}:epoch</c>, from which baseline rules count history):
    /// a labelled stream's first event, as <c>rules backtest</c> takes it, so that both judge alike. Left to the
    /// worker, it is the newest event of whichever batch it reads first (docs/chaos.md, BUG-2).
    /// </param>
    /// <param name="processes">Runs the built services as separate processes instead of hosts in this one.</param>
    public static async Task<RunningServices> StartAsync(KafkaBroker broker, RedisServer redis, RabbitMqServer rabbit, DateTimeOffset? epoch = null, bool processes = false)
    {
        var services = new RunningServices(broker, rabbit, Guid.NewGuid().ToString("N")[..10]);
        try
        {
            services.ContentTopic = await broker.CreateTopicAsync("content");
            services.TransactionsTopic = await broker.CreateTopicAsync("transactions");
            services.EventsTopic = await broker.CreateTopicAsync("events");
            services.DeadLetterTopic = await broker.CreateTopicAsync("deadletter");

            if (processes)
            {
                await services.StartProcessesAsync(redis, epoch);
                return services;
            }

            await services.StartHostAsync("Governance.Alerting", services.AlertingSettings(), [AlertingTelemetry.Name, "MassTransit"], builder =>
            {
                Governance.Alerting.Extensions.AddApplicationServices(builder);
                // The alerts queue and the consumer's queue exist once start returns.
                builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
            });
            await services.PinEpochAsync(redis, epoch);
            var signals = await services.StartHostAsync("Governance.Signals", services.SignalsSettings(redis), [SignalsTelemetry.Name, "MassTransit"], builder => Governance.Signals.Extensions.AddApplicationServices(builder));
            var ingestion = await services.StartHostAsync("Governance.Ingestion", services.IngestionSettings(), [IngestionTelemetry.Name], builder => Governance.Ingestion.Extensions.AddApplicationServices(builder));
            await WaitUntilRunningAsync(signals, "the signal worker");
            await WaitUntilRunningAsync(ingestion, "ingestion");
            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>Produces one raw input record to the content topic, with a <c>traceparent</c> header.</summary>
    public async Task ProduceContentAsync(string key, string value, string traceParent)
    {
        using var producer = KafkaTestClient.Producer(_broker.BootstrapServers);
        await producer.ProduceAsync(ContentTopic, new Message<string, string>
        {
            Key = key,
            Value = value,
            Headers = new Confluent.Kafka.Headers { { TraceContext.TraceParent, Encoding.ASCII.GetBytes(traceParent) } },
        });
    }

    /// <summary>
    /// Takes the alerts queue's messages (as a non-MassTransit moderation tool reads them) until one for
    /// <paramref name="creatorId"/> arrived: the message and its <c>MT-Activity-Id</c> header.
    /// </summary>
    public async Task<(CreatorFlagged Message, string? TraceParent)?> TakeAlertAsync(string creatorId, TimeSpan timeout)
    {
        await using var connection = await _rabbit.FactoryFor(VirtualHost).CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            while (await channel.BasicGetAsync(AlertsQueue, autoAck: true) is { } delivery)
            {
                var (message, traceParent) = Read(delivery);
                if (message.CreatorId == creatorId)
                {
                    return (message, traceParent);
                }
            }

            await Task.Delay(100);
        }

        return null;
    }

    /// <summary>Takes every message now in the alerts queue, in order.</summary>
    public async Task<List<CreatorFlagged>> TakeAllAlertsAsync()
    {
        await using var connection = await _rabbit.FactoryFor(VirtualHost).CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var taken = new List<CreatorFlagged>();
        while (await channel.BasicGetAsync(AlertsQueue, autoAck: true) is { } delivery)
        {
            taken.Add(Read(delivery).Message);
        }

        return taken;
    }

    public async ValueTask DisposeAsync()
    {
        // Ingestion first, alerting last: nothing is left half-way between them.
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.StopAsync(TimeSpan.FromSeconds(30));
            host.Dispose();
        }

        _hosts.Clear();
        foreach (var process in Enumerable.Reverse(_processes))
        {
            process.Stop(TimeSpan.FromSeconds(30));
            process.Dispose();
        }

        _processes.Clear();
        await PostgresServer.DropSchemaAsync(Schema);
        RabbitMqServer.DeleteVirtualHost(VirtualHost);
    }

    /// <summary>A MassTransit envelope's CreatorFlagged and its <c>MT-Activity-Id</c> header.</summary>
    private static (CreatorFlagged Message, string? TraceParent) Read(BasicGetResult delivery)
    {
        using var envelope = JsonDocument.Parse(delivery.Body);
        var message = envelope.RootElement.GetProperty("message").Deserialize(GovernanceJsonContext.Default.CreatorFlagged)!;
        object? header = null;
        delivery.BasicProperties.Headers?.TryGetValue(DiagnosticHeaders.ActivityId, out header);
        return (message, header switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string text => text,
            _ => null,
        });
    }

    private static async Task WaitUntilRunningAsync(IHost host, string name)
    {
        var health = host.Services.GetRequiredService<LoopHealth>();
        var clock = Stopwatch.StartNew();
        while (!health.Running && clock.Elapsed < StartTimeout)
        {
            await Task.Delay(50);
        }

        Assert.True(health.Running, $"{name} did not start (waiting for {health.WaitingFor ?? "nothing"})");
    }

    private async Task PinEpochAsync(RedisServer redis, DateTimeOffset? epoch)
    {
        if (epoch is { } first)
        {
            // RedisKeys.Epoch of the worker's prefix.
            await redis.Connection.GetDatabase().StringSetAsync(RedisPrefix + ":epoch", first.ToUnixTimeMilliseconds());
        }
    }

    /// <summary>Alerting, then the signal worker, then ingestion, each once it logged that it runs.</summary>
    private async Task StartProcessesAsync(RedisServer redis, DateTimeOffset? epoch)
    {
        // MassTransit's "Bus started" (logged at Information here) comes once the consumer's queue and the alerts queue are declared.
        await StartProcessAsync("Governance.Alerting", AlertingSettings(), "Bus started");
        await PinEpochAsync(redis, epoch);
        await StartProcessAsync("Governance.Signals", SignalsSettings(redis), "Signals started");
        await StartProcessAsync("Governance.Ingestion", IngestionSettings(), "Ingestion started");
    }

    private async Task StartProcessAsync(string project, Dictionary<string, string?> settings, string startedLine)
    {
        // The service's own appsettings.json, then these (environment variables override it), on a free port.
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value ?? "", StringComparer.Ordinal);
        environment["Urls"] = "http://127.0.0.1:0";
        environment["Logging__LogLevel__MassTransit"] = "Information";
        var process = ServiceProcess.Start(RepositoryPaths.BuiltDll("services", project), environment);
        _processes.Add(process);
        Assert.True(await Task.Run(() => process.WaitForOutput(startedLine, StartTimeout)), $"{project} did not log '{startedLine}':\n{process.Output}");
    }

    private async Task<IHost> StartHostAsync(string application, Dictionary<string, string?> settings, string[] telemetryNames, Action<HostApplicationBuilder> addApplicationServices)
    {
        // No appsettings.json (the three services' would collide here): only the settings given.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true, ApplicationName = application, ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults(telemetryNames);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        addApplicationServices(builder);
        var host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    private Dictionary<string, string?> Rabbit() => new()
    {
        ["RabbitMq:Host"] = _rabbit.Host,
        ["RabbitMq:Port"] = "5672",
        ["RabbitMq:VirtualHost"] = VirtualHost,
        ["RabbitMq:Username"] = _rabbit.User,
        ["RabbitMq:Password"] = _rabbit.Password,
    };

    private Dictionary<string, string?> AlertingSettings() => new(Rabbit())
    {
        ["Alerting:InputQueue"] = SignalQueue,
        ["Alerting:AlertsQueue"] = AlertsQueue,
        ["Alerting:DecisionsQueue"] = DecisionsQueue,
        ["Alerting:BindMessageExchanges"] = "false",
        ["Alerting:PolicyPath"] = Path.Combine(RepositoryPaths.Root, "rules", "policy", "escalation.yaml"),
        ["Alerting:RetryBackoff"] = "00:00:00.100",
        ["Alerting:MaxRetryBackoff"] = "00:00:01",
        ["Alerting:Outbox:PollInterval"] = "00:00:00.200",
        ["Alerting:Database:Schema"] = Schema,
        ["Alerting:Database:ConnectionString"] = PostgresServer.ServiceConnectionString(),
        ["Alerting:Database:MigrationConnectionString"] = PostgresServer.OwnerConnectionString(),
    };

    private Dictionary<string, string?> SignalsSettings(RedisServer redis) => new(Rabbit())
    {
        ["Kafka:BootstrapServers"] = _broker.BootstrapServers,
        ["Signals:GroupId"] = SignalsGroup,
        ["Signals:InputTopic"] = EventsTopic,
        ["Signals:DeadLetterTopic"] = EventsTopic + ".dlq",
        ["Signals:BatchSize"] = "200",
        ["Signals:BatchMaxWait"] = "00:00:00.050",
        ["Signals:RetryBackoff"] = "00:00:00.200",
        ["Signals:MaxRetryBackoff"] = "00:00:01",
        ["Signals:PackRefreshInterval"] = "00:00:01",
        ["Signals:RulesPath"] = Path.Combine(RepositoryPaths.Root, "rules"),
        ["Redis:Configuration"] = redis.Configuration,
        ["Redis:KeyPrefix"] = RedisPrefix,
        ["RabbitMq:SignalQueue"] = SignalQueue,
    };

    private Dictionary<string, string?> IngestionSettings() => new()
    {
        ["Kafka:BootstrapServers"] = _broker.BootstrapServers,
        ["Ingestion:GroupId"] = IngestionGroup,
        ["Ingestion:ContentTopic"] = ContentTopic,
        ["Ingestion:TransactionsTopic"] = TransactionsTopic,
        ["Ingestion:OutputTopic"] = EventsTopic,
        ["Ingestion:DeadLetterTopic"] = DeadLetterTopic,
        ["Ingestion:BatchSize"] = "500",
        ["Ingestion:BatchMaxWait"] = "00:00:00.050",
        ["Ingestion:RetryBackoff"] = "00:00:00.200",
        ["Ingestion:MaxRetryBackoff"] = "00:00:02",
    };
}
