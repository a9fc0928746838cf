using System.Net.Sockets;
using System.Text.Json;
using Governance.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Governance.Chaos;

/// <summary>
/// Drains one queue of the run's virtual host as its consumer would, taking each MassTransit
/// envelope's <c>message</c>. Reconnects across a RabbitMQ restart; every delivery is kept, repeats
/// included. Waits (passively) for the queue until a service declares it.
/// </summary>
public sealed class QueueCollector<T> : IAsyncDisposable
{
    private readonly RabbitMqServer _rabbit;
    private readonly string _vhost;
    private readonly string _queue;
    private readonly Func<JsonElement, T> _read;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private readonly List<T> _received = [];
    private DateTime _lastReceived = DateTime.UtcNow;

    public QueueCollector(RabbitMqServer rabbit, string vhost, string queue, Func<JsonElement, T> read)
    {
        _rabbit = rabbit;
        _vhost = vhost;
        _queue = queue;
        _read = read;
        _loop = Task.Run(RunAsync);
    }

    public IReadOnlyList<T> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public TimeSpan SinceLast
    {
        get
        {
            lock (_gate)
            {
                return DateTime.UtcNow - _lastReceived;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var factory = _rabbit.Factory;
                factory.VirtualHost = _vhost;
                factory.AutomaticRecoveryEnabled = false;
                await using var connection = await factory.CreateConnectionAsync(_stop.Token);
                await using var channel = await connection.CreateChannelAsync(cancellationToken: _stop.Token);
                // Until a service declares the queue a passive declare fails (and closes the channel).
                await channel.QueueDeclarePassiveAsync(_queue, _stop.Token);
                while (!_stop.IsCancellationRequested)
                {
                    if (await channel.BasicGetAsync(_queue, autoAck: true, _stop.Token) is { } delivery)
                    {
                        using var envelope = JsonDocument.Parse(delivery.Body);
                        var message = _read(envelope.RootElement.GetProperty("message"));
                        lock (_gate)
                        {
                            _received.Add(message);
                            _lastReceived = DateTime.UtcNow;
                        }
                    }
                    else
                    {
                        await Task.Delay(100, _stop.Token);
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is OperationInterruptedException or BrokerUnreachableException or AlreadyClosedException or IOException or SocketException)
            {
                try
                {
                    await Task.Delay(500, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
