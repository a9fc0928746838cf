using Governance.Contracts;
using Governance.Hosting;
using Governance.Kafka;
using Governance.Redis;
using Governance.Rules.Windows;
using Governance.Signals.Packs;
using Governance.Signals.Pipeline;
using Governance.Signals.Publishing;
using MassTransit;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Governance.Signals;

/// <summary>The signal worker's registrations.</summary>
public static class Extensions
{
    /// <summary>Options, Redis, MassTransit, the pack watcher, the pipeline and its health checks.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<KafkaSettings>().BindConfiguration(KafkaSettings.SectionName).ValidateOnStartWith<KafkaSettings, KafkaSettingsValidator>();
        services.AddOptions<SignalsOptions>().BindConfiguration(SignalsOptions.SectionName).ValidateOnStartWith<SignalsOptions, SignalsOptionsValidator>();
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateOnStartWith<RedisOptions, RedisOptionsValidator>();
        services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.SectionName).ValidateOnStartWith<RabbitMqOptions, RabbitMqOptionsValidator>();
        services.AddOptions<SignalQueueOptions>().BindConfiguration(SignalQueueOptions.SectionName).ValidateOnStartWith<SignalQueueOptions, SignalQueueOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            // abortConnect=false: start even while Redis is down; the worker retries until it answers.
            var configuration = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration);
            configuration.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(configuration);
        });
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RedisOptions>>().Value);
        services.AddSingleton<IWindowStore>(sp =>
        {
            var store = new HeldWindowStore(
                sp.GetRequiredService<IConnectionMultiplexer>(),
                sp.GetRequiredService<RedisOptions>(),
                sp.GetRequiredService<IOptions<SignalsOptions>>().Value.Windows);
            sp.GetRequiredService<SignalsTelemetry>().ObserveDroppedKeys(() => store.DroppedKeys);
            return store;
        });
        services.AddSingleton<IPeerCounts, RedisPeerCounts>();
        services.AddSingleton<RedisRulePackStore>();
        services.AddSingleton<RulePackHolder>();
        services.AddSingleton<SignalsTelemetry>();
        services.AddSingleton<LoopHealth>();
        services.AddSingleton<SignalsPipeline>();
        services.AddSingleton<ISignalPublisher, MassTransitSignalPublisher>();
        services.AddHostedService<RulePackWatcher>();
        services.AddHostedService<SignalsWorker>();

        services.AddMassTransit(bus => bus.UsingRabbitMq((context, cfg) =>
        {
            var rabbit = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
            var signalQueue = context.GetRequiredService<IOptions<SignalQueueOptions>>().Value.SignalQueue;
            cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
            {
                h.Username(rabbit.Username);
                h.Password(rabbit.Password);
                h.PublisherConfirmation = true;
            });

            // Signals land in a durable quorum queue, never a bare exchange: declared by the worker,
            // so signals published while the alerting service is away wait for it.
            // The queue is bound straight to the message type's exchange (MassTransit's BindQueue binds
            // the exchange it is given); a MassTransit receive endpoint of the same name adds its own
            // exchange on the way, and RabbitMQ still delivers one copy per queue.
            var exchange = cfg.MessageTopology.GetMessageTopology<RiskSignalDetected>().EntityName;
            cfg.Publish<RiskSignalDetected>(p => p.BindQueue(exchange, signalQueue, q => q.SetQuorumQueue()));
            cfg.ConfigureEndpoints(context);
        }));
        services.AddHealthChecks()
            .Add(new("signals-loop", sp => new LoopHealthCheck(sp.GetRequiredService<LoopHealth>(), TimeProvider.System, readiness: false), null, [ServiceDefaultsExtensions.LiveTag]))
            .Add(new("signals-ready", sp => new LoopHealthCheck(sp.GetRequiredService<LoopHealth>(), TimeProvider.System, readiness: true), null, [ServiceDefaultsExtensions.ReadyTag]));
        return builder;
    }
}
