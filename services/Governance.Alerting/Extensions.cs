using Governance.Alerting.Consumers;
using Governance.Alerting.Decisions;
using Governance.Alerting.Outbox;
using Governance.Alerting.Scoring;
using Governance.Alerting.Storage;
using Governance.Hosting;
using Governance.Scoring;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Governance.Alerting;

/// <summary>The alerting service's registrations.</summary>
public static class Extensions
{
    /// <summary>Options, PostgreSQL (migrations first), the policy, MassTransit consumers, the outbox dispatcher and health checks.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AlertingOptions>().BindConfiguration(AlertingOptions.SectionName).ValidateOnStartWith<AlertingOptions, AlertingOptionsValidator>();
        services.AddSingleton<IValidateOptions<AlertingOptions>, RetentionLookbackValidator>();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateOnStartWith<DatabaseOptions, DatabaseOptionsValidator>();
        services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.SectionName).ValidateOnStartWith<RabbitMqOptions, RabbitMqOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            // The schema is the search path: the SQL names tables without a schema, tests get one each.
            var connection = new NpgsqlConnectionStringBuilder(o.ConnectionString) { SearchPath = o.Schema };
            return new NpgsqlDataSourceBuilder(connection.ConnectionString).Build();
        });
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<AlertingOptions>>().Value.PolicyPath;
            var policy = EscalationPolicyParser.Load(path);
            var (tiers, logger) = (policy.Tiers.Count, sp.GetRequiredService<ILogger<EscalationPolicy>>());
            AlertingLog.PolicyLoaded(logger, path, tiers, policy.MinDistinctRules);
            return policy;
        });
        services.AddSingleton<AlertingTelemetry>();
        services.AddSingleton<LoopHealth>();
        services.AddKeyedSingleton<LoopHealth>("outbox");
        services.AddSingleton<OutboxNotifier>();
        services.AddSingleton<ParsedSignals>();
        services.AddSingleton<SignalBatchProcessor>();
        services.AddSingleton<SignalBatchWriter>();
        services.AddSingleton<DatabaseRetry>();
        services.AddSingleton<DecisionRecorder>();

        // Hosted services start in order: schema and queue first, then MassTransit's consumers.
        services.AddHostedService<DatabaseMigrator>();
        services.AddHostedService<AlertsQueueDeclaration>();
        services.AddHostedService(sp => sp.GetRequiredService<SignalBatchWriter>());
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<RulePrecisionReporter>();
        services.AddSingleton<RetentionPruner>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionPruner>());
        services.AddSingleton<InputQueueDepth>();
        services.AddHostedService(sp => sp.GetRequiredService<InputQueueDepth>());

        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<RiskSignalDetectedConsumer, RiskSignalDetectedConsumerDefinition>();
            bus.AddConsumer<ModerationDecisionConsumer>();
            bus.UsingRabbitMq((context, cfg) =>
            {
                var rabbit = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                var o = context.GetRequiredService<IOptions<AlertingOptions>>().Value;
                cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                {
                    h.Username(rabbit.Username);
                    h.Password(rabbit.Password);
                    h.PublisherConfirmation = true;
                });
                // The hand-off contract with the signal worker: a durable quorum queue of this name.
                cfg.ReceiveEndpoint(o.InputQueue, e =>
                {
                    e.SetQuorumQueue();
                    e.ConfigureConsumeTopology = o.BindMessageExchanges;
                    e.PrefetchCount = o.PrefetchCount;
                    e.ConcurrentMessageLimit = o.ConcurrentMessageLimit;
                    e.ConfigureConsumer<RiskSignalDetectedConsumer>(context);
                });
                cfg.ReceiveEndpoint(o.DecisionsQueue, e =>
                {
                    e.SetQuorumQueue();
                    e.ConfigureConsumeTopology = o.BindMessageExchanges;
                    e.UseMessageRetry(r => r.Intervals(100, 500, 2_000, 5_000));
                    e.ConfigureConsumer<ModerationDecisionConsumer>(context);
                });
            });
        });

        services.AddHealthChecks()
            .Add(new("alerting-ready", sp => new DependencyHealthCheck(sp.GetRequiredService<LoopHealth>(), sp.GetRequiredKeyedService<LoopHealth>("outbox"), sp.GetRequiredService<InputQueueDepth>()), HealthStatus.Unhealthy, [ServiceDefaultsExtensions.ReadyTag]));
        return builder;
    }
}
