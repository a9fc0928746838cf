using System.Diagnostics;
using System.Text.Json;
using Governance.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Governance.Benchmarks;

/// <summary>RabbitMQ plumbing of the alerting benchmark: fill an input queue, count and time what comes out.</summary>
internal sealed class AlertingQueues(ConnectionFactory factory)
{
    /// <summary>The input queue as the signal worker declares it (durable quorum), before anything consumes it.</summary>
    public async Task DeclareInputAsync(string queue)
    {
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
    }

    /// <summary>A fanout exchange bound to a queue of the same name (what the service's alerts queue is).</summary>
    public async Task DeclareOutputAsync(string name)
    {
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-max-priority"] = 10 });
        await channel.QueueBindAsync(name, name, "");
    }

    /// <summary>Sends MassTransit envelopes of <paramref name="signal"/>(i, now) to the queue, confirmed, <paramref name="perSecond"/> at most (0: as fast as possible).</summary>
    public async Task SendAsync(string queue, int count, Func<int, DateTimeOffset, RiskSignalDetected> signal, int perSecond, CancellationToken cancellationToken)
    {
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: new ThrottlingRateLimiter(2_000)), cancellationToken);
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>(500);
        for (var i = 0; i < count; i++)
        {
            if (perSecond > 0)
            {
                var due = TimeSpan.FromSeconds((double)i / perSecond);
                if (due > clock.Elapsed)
                {
                    await Task.WhenAll(pending);
                    pending.Clear();
                    var wait = due - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, cancellationToken);
                    }
                }
            }

            var envelope = new Dictionary<string, object>
            {
                ["messageId"] = Guid.NewGuid().ToString(),
                ["messageType"] = new[] { "urn:message:Governance.Contracts:RiskSignalDetected" },
                ["message"] = JsonSerializer.SerializeToElement(signal(i, DateTimeOffset.UtcNow), GovernanceJsonContext.Default.RiskSignalDetected),
            };
            var props = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
            pending.Add(channel.BasicPublishAsync("", queue, false, props, JsonSerializer.SerializeToUtf8Bytes(envelope), cancellationToken).AsTask());
            if (pending.Count >= 500)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
    }

    /// <summary>Consumes the output queue: arrival times and, when parsing, signal→queue latency (throughput runs do not parse: the probe shares the CPU).</summary>
    public async Task<OutputProbe> ProbeAsync(string queue, bool parse = true)
    {
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, 1_000, false);
        var probe = new OutputProbe(connection, channel) { Parse = parse };
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            probe.Record(delivery.Body.Span);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return probe;
    }

    public async Task DeleteAsync(params string[] names)
    {
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var name in names)
        {
            await channel.QueueDeleteAsync(name);
            await channel.ExchangeDeleteAsync(name);
        }
    }
}
