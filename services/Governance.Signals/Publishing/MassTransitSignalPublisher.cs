using System.Security.Cryptography;
using System.Text;
using Governance.Contracts;
using Governance.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Governance.Signals.Publishing;

/// <summary>
/// Publishes with MassTransit on the bus (a singleton, as this publisher is): publisher confirms, and
/// <c>mandatory</c> so that a message no queue takes comes back as a <see cref="MessageReturnedException"/>
/// (retried) instead of vanishing as a confirmed success.
/// </summary>
internal sealed class MassTransitSignalPublisher(IBus bus, IOptions<RabbitMqOptions> options, IOptions<SignalQueueOptions> queue) : ISignalPublisher
{
    public async Task DeclareAsync(CancellationToken cancellationToken)
    {
        // MassTransit declares the publish topology lazily, on the first publish: the queue must exist
        // before that, so that signals published while no consumer is bound wait in it. Declared here as
        // MassTransit declares it (the exchange fanout and durable; the queue durable and quorum).
        var factory = new ConnectionFactory { HostName = options.Value.Host, Port = options.Value.Port, VirtualHost = options.Value.VirtualHost, UserName = options.Value.Username, Password = options.Value.Password };
        await using var connection = await factory.CreateConnectionAsync("governance-signals (declare)", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var exchange = bus.Topology.Message<RiskSignalDetected>().EntityName;
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(queue.Value.SignalQueue, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue.Value.SignalQueue, exchange, "", cancellationToken: cancellationToken);
    }

    public Task PublishAsync(IReadOnlyList<RiskSignalDetected> signals, CancellationToken cancellationToken) =>
        Task.WhenAll(signals.Select(s => bus.Publish(s, context =>
        {
            // The signal id is stable across redelivery and replay: consumers dedup on it.
            context.MessageId = DeterministicGuid(s.SignalId);
            context.Durable = true;
            if ((context as RabbitMqSendContext ?? context.GetPayload<RabbitMqSendContext>()) is { } rabbit)
            {
                rabbit.Mandatory = true;
            }
            else
            {
                throw new InvalidOperationException("Signals must be published to RabbitMQ with mandatory set; the transport gave no RabbitMQ send context.");
            }
        }, cancellationToken)));

    private static Guid DeterministicGuid(string signalId) =>
        Guid.TryParseExact(signalId, "N", out var id) ? id : new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(signalId)).AsSpan(0, 16));
}
