using System.Text.Json;
using Dapper;
using Governance.Alerting;
using Governance.Contracts;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Governance.Benchmarks;

/// <summary>
/// The limit for the alerting service, with the same batching freedom: the same MassTransit receive
/// endpoint (quorum queue, prefetch, messages in flight, publisher confirms), batches of the same size
/// and time limit (MassTransit's batch consumer, one batch at a time), one multi-row Dapper INSERT per
/// batch (autocommit), then every message of the batch sent out at once, each confirmed. No inbox,
/// locks, scoring, alert rows or outbox.
/// </summary>
internal static class BareAlertingLoop
{
    public static async Task<IHost> StartAsync(string input, string output, string connectionString, AlertingOptions options)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddSingleton(new NpgsqlDataSourceBuilder(connectionString).Build());
        builder.Services.AddSingleton(new BareTarget(output));
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddConsumer<BareConsumer>(c => c.Options<BatchOptions>(b => b
                .SetMessageLimit(options.Batch.MessageLimit).SetTimeLimit(options.Batch.TimeLimit).SetConcurrencyLimit(1).SetConfigurationCallback((_, _) => { })));
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host("127.0.0.1", 5672, "/", h =>
                {
                    h.Username("guest");
                    h.Password("guest");
                    h.PublisherConfirmation = true;
                });
                cfg.ReceiveEndpoint(input, e =>
                {
                    e.SetQuorumQueue();
                    e.ConfigureConsumeTopology = false;
                    e.PrefetchCount = options.PrefetchCount;
                    e.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
                    e.ConfigureConsumer<BareConsumer>(context);
                });
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    internal sealed record BareTarget(string Exchange);

    internal sealed class BareConsumer(NpgsqlDataSource dataSource, BareTarget target) : IConsumer<Batch<RiskSignalDetected>>
    {
        public async Task Consume(ConsumeContext<Batch<RiskSignalDetected>> context)
        {
            var messages = context.Message.Select(m => m.Message).ToList();
            await using (var connection = await dataSource.OpenConnectionAsync(context.CancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO bare_signals (signal_id, creator_id, payload) SELECT i, c, p::jsonb FROM unnest(@ids::text[], @creators::text[], @payloads::text[]) AS t(i, c, p)",
                    new
                    {
                        ids = messages.Select(m => m.SignalId).ToArray(),
                        creators = messages.Select(m => m.CreatorId).ToArray(),
                        payloads = messages.Select(m => JsonSerializer.Serialize(m, GovernanceJsonContext.Default.RiskSignalDetected)).ToArray(),
                    },
                    cancellationToken: context.CancellationToken));
            }

            var endpoint = await context.GetSendEndpoint(new Uri("exchange:" + target.Exchange));
            await Task.WhenAll(messages.Select(m => endpoint.Send(m, context.CancellationToken)));
        }
    }
}
