using Dapper;
using Microsoft.Extensions.Logging;
using Governance.Contracts;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Governance.Benchmarks;

/// <summary>
/// The limit for the alerting service: the same MassTransit receive endpoint (quorum queue, prefetch,
/// concurrency, publisher confirms), one Dapper insert per message, one confirmed send out. No inbox,
/// scoring, alert rows or outbox.
/// </summary>
internal static class BareAlertingLoop
{
    public static async Task<IHost> StartAsync(string input, string output, string connectionString, int prefetch, int concurrency)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddSingleton(new NpgsqlDataSourceBuilder(connectionString).Build());
        builder.Services.AddSingleton(new BareTarget(output));
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddConsumer<BareConsumer>();
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
                    e.PrefetchCount = prefetch;
                    e.ConcurrentMessageLimit = concurrency;
                    e.ConfigureConsumer<BareConsumer>(context);
                });
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    internal sealed record BareTarget(string Exchange);

    internal sealed class BareConsumer(NpgsqlDataSource dataSource, BareTarget target) : IConsumer<RiskSignalDetected>
    {
        public async Task Consume(ConsumeContext<RiskSignalDetected> context)
        {
            await using (var connection = await dataSource.OpenConnectionAsync(context.CancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO bare_signals (signal_id, creator_id, payload) VALUES (@SignalId, @CreatorId, @payload::jsonb)",
                    new { context.Message.SignalId, context.Message.CreatorId, payload = System.Text.Json.JsonSerializer.Serialize(context.Message, GovernanceJsonContext.Default.RiskSignalDetected) },
                    cancellationToken: context.CancellationToken));
            }

            var endpoint = await context.GetSendEndpoint(new Uri("exchange:" + target.Exchange));
            await endpoint.Send(context.Message, context.CancellationToken);
        }
    }
}
