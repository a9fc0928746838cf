using System.Text.Json;
using Governance.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Governance.Cli.Watch;

/// <summary>
/// Two private queues (server-named, exclusive, auto-deleted with the connection): one bound to
/// RiskSignalDetected's exchange, where the signal workers publish, one to the exchange the alerting
/// service sends CreatorFlagged to, which feeds moderation.creator-alerts. Each gets a copy of every
/// message, so nothing is taken from the services' own queues. Reads MassTransit envelopes' <c>message</c>.
/// </summary>
internal sealed class RabbitTap : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly RabbitEndpoint _endpoint;
    private IChannel? _probe;

    private RabbitTap(IConnection connection, IChannel channel, RabbitEndpoint endpoint)
    {
        _connection = connection;
        _channel = channel;
        _endpoint = endpoint;
    }

    public static ConnectionFactory Factory(RabbitEndpoint endpoint) => new()
    {
        HostName = endpoint.Host,
        Port = endpoint.Port,
        VirtualHost = endpoint.VirtualHost,
        UserName = endpoint.User,
        Password = endpoint.Password,
    };

    public static async Task<RabbitTap> StartAsync(RabbitEndpoint endpoint, WatchState state, TimeProvider time, CancellationToken cancellationToken)
    {
        var connection = await Factory(endpoint).CreateConnectionAsync("governance-watch", cancellationToken);
        try
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var tap = new RabbitTap(connection, channel, endpoint);
            await tap.ListenAsync(endpoint.SignalExchange, body => state.Signal(body.Deserialize(GovernanceJsonContext.Default.RiskSignalDetected)!, time.GetUtcNow()), cancellationToken);
            await tap.ListenAsync(endpoint.AlertsExchange, body => state.Alert(body.Deserialize(GovernanceJsonContext.Default.CreatorFlagged)!, time.GetUtcNow()), cancellationToken);
            return tap;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Messages ready in the alerting service's queue (no unacknowledged count: that needs the management API).</summary>
    public async Task<long?> ReadyInSignalQueueAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A passive declare of a missing queue closes its channel: a channel of its own, made again when closed.
            if (_probe is not { IsOpen: true })
            {
                _probe = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
            }

            return (await _probe.QueueDeclarePassiveAsync(_endpoint.SignalQueue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_probe is not null)
        {
            await _probe.DisposeAsync();
        }

        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private async Task ListenAsync(string exchange, Action<JsonElement> read, CancellationToken cancellationToken)
    {
        // Declared as the services declare them (durable fanout), so whoever comes first makes the same exchange.
        await _channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        var queue = (await _channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken)).QueueName;
        await _channel.QueueBindAsync(queue, exchange, "", cancellationToken: cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            try
            {
                using var envelope = JsonDocument.Parse(delivery.Body);
                read(envelope.RootElement.GetProperty("message"));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // not a MassTransit envelope of the contract: not ours to count
            }

            return Task.CompletedTask;
        };
        await _channel.BasicConsumeAsync(queue, autoAck: true, consumer, cancellationToken);
    }
}
