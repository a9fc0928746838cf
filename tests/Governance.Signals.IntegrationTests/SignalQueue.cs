using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Governance.Contracts;
using Governance.Testing;
using MassTransit.Logging;
using RabbitMQ.Client;

namespace Governance.Signals.IntegrationTests;

/// <summary>
/// Reads RiskSignalDetected as a non-MassTransit consumer would: a queue of its own bound to the
/// message type's exchange, taking the envelope's <c>message</c> field.
/// </summary>
internal sealed class SignalQueue : IAsyncDisposable
{
    public const string Exchange = "Governance.Contracts:RiskSignalDetected";

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _queue;

    private SignalQueue(IConnection connection, IChannel channel, string queue)
    {
        _connection = connection;
        _channel = channel;
        _queue = queue;
    }

    public ConcurrentQueue<RiskSignalDetected> Received { get; } = new();

    /// <summary>Per signal id, the trace context its message carried (MassTransit's <c>MT-Activity-Id</c> header).</summary>
    public ConcurrentDictionary<string, string> TraceParents { get; } = new(StringComparer.Ordinal);

    /// <summary>A queue of the test's own; a named one is durable and survives a broker restart.</summary>
    public static async Task<SignalQueue> CreateAsync(RabbitMqServer rabbit, string? durableName = null)
    {
        var connection = await rabbit.Factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        // Declared as MassTransit declares it (fanout, durable), so binding works before the first publish.
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = durableName is null
            ? (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName
            : (await channel.QueueDeclareAsync(durableName, durable: true, exclusive: false, autoDelete: false)).QueueName;
        await channel.QueueBindAsync(queue, Exchange, "");
        return new SignalQueue(connection, channel, queue);
    }

    /// <summary>Drains the queue until <paramref name="until"/> holds or the timeout passes.</summary>
    public async Task<List<RiskSignalDetected>> WaitAsync(Func<IReadOnlyList<RiskSignalDetected>, bool> until, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            await DrainAsync();
            if (until([.. Received]))
            {
                break;
            }

            await Task.Delay(100);
        }

        await DrainAsync();
        return [.. Received];
    }

    /// <summary>Removes a durable queue (when the test is done with it).</summary>
    public async Task DeleteAsync() => await _channel.QueueDeleteAsync(_queue);

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private async Task DrainAsync()
    {
        while (await _channel.BasicGetAsync(_queue, autoAck: true) is { } delivery)
        {
            using var envelope = JsonDocument.Parse(delivery.Body);
            var signal = envelope.RootElement.GetProperty("message").Deserialize(GovernanceJsonContext.Default.RiskSignalDetected)!;
            object? trace = null;
            delivery.BasicProperties.Headers?.TryGetValue(DiagnosticHeaders.ActivityId, out trace);
            if ((trace is byte[] bytes ? Encoding.UTF8.GetString(bytes) : trace as string) is { } traceParent)
            {
                TraceParents[signal.SignalId] = traceParent;
            }

            Received.Enqueue(signal);
        }
    }
}
