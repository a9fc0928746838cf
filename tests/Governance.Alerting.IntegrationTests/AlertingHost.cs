using System.Globalization;
using Governance.Hosting;
using Governance.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace Governance.Alerting.IntegrationTests;

/// <summary>
/// The alerting service as deployed (same registrations), on queues and a schema of the test's own.
/// Disposing it stops the host and removes the queues and the schema.
/// </summary>
internal sealed class AlertingHost : IAsyncDisposable
{
    private readonly IHost _host;

    private AlertingHost(IHost host, TestNames names)
    {
        _host = host;
        Names = names;
    }

    public TestNames Names { get; }

    public LoopHealth Health => _host.Services.GetRequiredService<LoopHealth>();

    /// <summary>The host's services (its meter factory, health checks …).</summary>
    public IServiceProvider Services => _host.Services;

    public static string PolicyPath => Path.Combine(RepositoryPaths.Root, "rules", "policy", "escalation.yaml");

    /// <summary>The settings a test's service runs with (in-process or as a process).</summary>
    public static Dictionary<string, string?> Settings(TestNames names, RabbitMqServer rabbit, int pgPort = PostgresServer.Port, int amqpPort = 5672) => new()
    {
        ["Alerting:InputQueue"] = names.Input,
        ["Alerting:AlertsQueue"] = names.Alerts,
        ["Alerting:DecisionsQueue"] = names.Decisions,
        ["Alerting:BindMessageExchanges"] = "false",
        ["Alerting:PolicyPath"] = PolicyPath,
        ["Alerting:RetryBackoff"] = "00:00:00.100",
        ["Alerting:MaxRetryBackoff"] = "00:00:01",
        ["Alerting:Outbox:PollInterval"] = "00:00:00.200",
        ["Alerting:Database:Schema"] = names.Schema,
        ["Alerting:Database:ConnectionString"] = PostgresServer.ServiceConnectionString(pgPort),
        ["Alerting:Database:MigrationConnectionString"] = PostgresServer.OwnerConnectionString(pgPort),
        ["RabbitMq:Host"] = rabbit.Host,
        ["RabbitMq:Port"] = amqpPort.ToString(CultureInfo.InvariantCulture),
        ["RabbitMq:Username"] = rabbit.User,
        ["RabbitMq:Password"] = rabbit.Password,
    };

    public static async Task<AlertingHost> StartAsync(RabbitMqServer rabbit, TestNames? names = null, IDictionary<string, string?>? extra = null, int pgPort = PostgresServer.Port, int amqpPort = 5672)
    {
        names ??= TestNames.Create();
        var settings = Settings(names, rabbit, pgPort, amqpPort);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults(AlertingTelemetry.Name);
        builder.AddApplicationServices();
        // Tests send to the endpoint's queue at once: start returns only when MassTransit declared it.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return new AlertingHost(host, names);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(30));
        _host.Dispose();
    }
}

/// <summary>Queue and schema names of one test.</summary>
internal sealed record TestNames(string Run, string Input, string Alerts, string Decisions, string Schema)
{
    public static TestNames Create()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        return new TestNames(run, $"test-signals-{run}", $"test-alerts-{run}", $"test-decisions-{run}", "test_" + run);
    }

    /// <summary>Removes the test's queues, exchanges and schema.</summary>
    public async Task CleanUpAsync(RabbitMqServer rabbit)
    {
        // The schema first: a broker problem below must not leave it behind.
        await PostgresServer.DropSchemaAsync(Schema);
        await using var connection = await rabbit.Factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var name in new[] { Input, Input + "_error", Input + "_skipped", Alerts, Decisions, Decisions + "_error", Decisions + "_skipped" })
        {
            await channel.QueueDeleteAsync(name);
            await channel.ExchangeDeleteAsync(name);
        }
    }
}
