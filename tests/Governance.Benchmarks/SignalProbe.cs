using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Governance.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Governance.Benchmarks;

/// <summary>
/// Receives RiskSignalDetected as a non-MassTransit consumer would (a private queue bound to the message
/// type's exchange, the envelope's <c>message</c> field) and notes when each arrived (Stopwatch ticks).
/// </summary>
internal sealed class SignalProbe : IAsyncDisposable
{
    private const string Exchange = "Governance.Contracts:RiskSignalDetected";

    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private SignalProbe(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public ConcurrentQueue<(RiskSignalDetected Signal, long ReceivedAt)> Received { get; } = new();

    public static async Task<SignalProbe> StartAsync(string host)
    {
        var connection = await new ConnectionFactory { HostName = host, UserName = "guest", Password = "guest" }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        // Declared as MassTransit declares it (fanout, durable), so the binding exists before the first publish.
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, Exchange, "");
        var probe = new SignalProbe(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var receivedAt = Stopwatch.GetTimestamp();
            using var envelope = JsonDocument.Parse(delivery.Body);
            probe.Received.Enqueue((envelope.RootElement.GetProperty("message").Deserialize(GovernanceJsonContext.Default.RiskSignalDetected)!, receivedAt));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return probe;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
