using Governance.Hosting;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Governance.Alerting.Consumers;

/// <summary>
/// The service's backlog: signals waiting in its input queue, read with a passive declare every
/// <see cref="AlertingOptions.QueueDepthInterval"/> and reported as <c>governance.alerting.consumer.lag</c>
/// and in readiness. The service has no Kafka loop whose statistics would give a lag; the queue's depth is
/// what it has not taken yet. A passive declare counts ready messages only: those the instances hold
/// unacknowledged (up to <see cref="AlertingOptions.PrefetchCount"/> each) are being worked on.
/// </summary>
internal sealed class InputQueueDepth(IOptions<RabbitMqOptions> rabbit, IOptions<AlertingOptions> options, AlertingTelemetry telemetry, TimeProvider time, ILogger<InputQueueDepth> logger) : BackgroundService
{
    private long _depth = -1;

    /// <summary>Signals ready in the input queue at the last read; null before the first one and while RabbitMQ does not answer.</summary>
    public long? Depth => Interlocked.Read(ref _depth) is var depth and >= 0 ? depth : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = options.Value.InputQueue;
        using var timer = new PeriodicTimer(options.Value.QueueDepthInterval, time);
        IConnection? connection = null;
        IChannel? channel = null;
        var unreadable = false;
        try
        {
            do
            {
                try
                {
                    connection ??= await rabbit.Value.Factory().CreateConnectionAsync("alerting-queue-depth", stoppingToken);
                    if (channel is not { IsOpen: true })
                    {
                        // A passive declare of a missing queue closes its channel: a new one for the next read.
                        await DisposeAsync(channel);
                        channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
                    }

                    var depth = (await channel.QueueDeclarePassiveAsync(queue, stoppingToken)).MessageCount;
                    Interlocked.Exchange(ref _depth, depth);
                    telemetry.Lag = depth;
                    if (unreadable)
                    {
                        AlertingLog.QueueDepthBack(logger, queue, depth);
                        unreadable = false;
                    }
                }
                catch (Exception ex) when (ex is OperationInterruptedException or BrokerUnreachableException or AlreadyClosedException or IOException && !stoppingToken.IsCancellationRequested)
                {
                    // The gauge keeps its last value; readiness says the depth is unknown. Logged once per outage.
                    Interlocked.Exchange(ref _depth, -1);
                    if (!unreadable)
                    {
                        AlertingLog.QueueDepthFailed(logger, ex, queue);
                        unreadable = true;
                    }

                    if (connection is { IsOpen: false })
                    {
                        await DisposeAsync(channel);
                        await connection.DisposeAsync();
                        (connection, channel) = (null, null);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
        finally
        {
            await DisposeAsync(channel);
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task DisposeAsync(IChannel? channel)
    {
        if (channel is not null)
        {
            await channel.DisposeAsync();
        }
    }
}
