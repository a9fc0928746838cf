using Governance.Hosting;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Governance.Alerting.Outbox;

/// <summary>
/// Declares <c>moderation.creator-alerts</c> as a durable classic queue with message priorities
/// (x-max-priority 10; quorum queues of RabbitMQ 3.x ignore priorities) and binds it to the exchange
/// of the same name that the dispatcher sends to. MassTransit's send addresses cannot carry
/// x-max-priority, so the queue is declared here and the dispatcher sends to the exchange only.
/// </summary>
internal sealed class AlertsQueueDeclaration(IOptions<RabbitMqOptions> rabbit, IOptions<AlertingOptions> options) : IHostedService
{
    /// <summary>RabbitMQ message priorities the queue honours (0-9 are used by the policy).</summary>
    public const byte MaxPriority = 10;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await rabbit.Value.Factory().CreateConnectionAsync("alerting-declare", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var name = options.Value.AlertsQueue;
        await channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-max-priority"] = (int)MaxPriority }, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(name, name, "", cancellationToken: cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
