using System.Text.Json;
using Governance.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Governance.Cli.Commands;

/// <summary>
/// Listens to RiskSignalDetected as any non-MassTransit consumer can: a private queue bound to the
/// message type's exchange, reading the envelope's <c>message</c> field.
/// </summary>
internal sealed class SignalListener : IAsyncDisposable
{
    private const string Exchange = "Governance.Contracts:RiskSignalDetected";
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _queue;

    private SignalListener(IConnection connection, IChannel channel, string queue)
    {
        _connection = connection;
        _channel = channel;
        _queue = queue;
    }

    /// <summary>Connects, or returns null (with the reason) when RabbitMQ does not answer.</summary>
    public static async Task<(SignalListener? Listener, string? Problem)> TryCreateAsync(string host)
    {
        var factory = new ConnectionFactory
        {
            HostName = host,
            UserName = Environment.GetEnvironmentVariable("RabbitMq__Username") is { Length: > 0 } u ? u : "guest",
            Password = Environment.GetEnvironmentVariable("RabbitMq__Password") is { Length: > 0 } p ? p : "guest",
        };
        try
        {
            var connection = await factory.CreateConnectionAsync();
            var channel = await connection.CreateChannelAsync();
            await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
            await channel.QueueBindAsync(queue, Exchange, "");
            return (new SignalListener(connection, channel, queue), null);
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>Collects signals until <paramref name="enough"/> holds or the time is up.</summary>
    public async Task<List<RiskSignalDetected>> CollectAsync(Func<IReadOnlyList<RiskSignalDetected>, bool> enough, TimeSpan wait, CancellationToken cancellationToken)
    {
        var signals = new List<RiskSignalDetected>();
        var deadline = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < deadline && !enough(signals) && !cancellationToken.IsCancellationRequested)
        {
            if (await _channel.BasicGetAsync(_queue, autoAck: true, cancellationToken) is { } delivery)
            {
                using var envelope = JsonDocument.Parse(delivery.Body);
                signals.Add(envelope.RootElement.GetProperty("message").Deserialize(GovernanceJsonContext.Default.RiskSignalDetected)!);
            }
            else
            {
                await Task.Delay(200, cancellationToken);
            }
        }

        return signals;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
