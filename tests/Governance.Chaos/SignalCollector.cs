using System.Text.Json;
using Governance.Contracts;
using Governance.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Governance.Chaos;

/// <summary>
/// Drains the run's <c>governance.risk-signals</c> quorum queue (in the run's own virtual host) as the
/// alerting service would, taking each MassTransit envelope's <c>message</c>. Reconnects across a
/// RabbitMQ restart; every delivery is kept, repeats included.
/// </summary>
public sealed class SignalCollector : IAsyncDisposable
{
    /// <summary>The queue the signal worker declares (services/Governance.Signals, SignalHandOff).</summary>
    public const string Queue = "governance.risk-signals";

    /// <summary>MassTransit's exchange for the message type.</summary>
    public const string MessageExchange = "Governance.Contracts:RiskSignalDetected";

    private readonly RabbitMqServer _rabbit;
    private readonly string _vhost;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private readonly List<RiskSignalDetected> _received = [];
    private DateTime _lastReceived = DateTime.UtcNow;

    public SignalCollector(RabbitMqServer rabbit, string vhost)
    {
        _rabbit = rabbit;
        _vhost = vhost;
        _loop = Task.Run(RunAsync);
    }

    public IReadOnlyList<RiskSignalDetected> Received
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
                // The worker declares the queue at start; until then a passive declare fails (and closes the channel).
                await channel.QueueDeclarePassiveAsync(Queue, _stop.Token);
                while (!_stop.IsCancellationRequested)
                {
                    if (await channel.BasicGetAsync(Queue, autoAck: true, _stop.Token) is { } delivery)
                    {
                        using var envelope = JsonDocument.Parse(delivery.Body);
                        var signal = envelope.RootElement.GetProperty("message").Deserialize(GovernanceJsonContext.Default.RiskSignalDetected)!;
                        lock (_gate)
                        {
                            _received.Add(signal);
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
            catch (Exception ex) when (ex is OperationInterruptedException or BrokerUnreachableException or AlreadyClosedException or IOException or System.Net.Sockets.SocketException)
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
