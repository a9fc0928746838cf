using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Governance.Contracts;
using Governance.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using DiagnosticHeaders = MassTransit.Logging.DiagnosticHeaders;

namespace Governance.Signals.Publishing;

/// <summary>
/// Publishes with MassTransit on the bus (a singleton, as this publisher is): publisher confirms, and
/// <c>mandatory</c> so that a message no queue takes comes back as a <see cref="MessageReturnedException"/>
/// (retried) instead of vanishing as a confirmed success. A signal whose triggering event's trace is
/// known is published under a span of that trace ("publish signal", linked to the batch's span), so
/// MassTransit's send span is its child and the message's <c>MT-Activity-Id</c> header carries the trace
/// on to the alerting service.
/// </summary>
internal sealed class MassTransitSignalPublisher(IBus bus, IOptions<RabbitMqOptions> options, IOptions<SignalQueueOptions> queue, SignalsTelemetry telemetry) : ISignalPublisher
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

    public Task PublishAsync(IReadOnlyList<RiskSignalDetected> signals, IReadOnlyDictionary<string, ActivityContext>? traces, CancellationToken cancellationToken)
    {
        var batch = Activity.Current?.Context;
        return Task.WhenAll(signals.Select(s => traces is not null && traces.TryGetValue(s.SignalId, out var trigger)
            ? PublishInTraceAsync(s, trigger, batch, cancellationToken)
            : PublishOneAsync(s, null, cancellationToken)));
    }

    // Its own async method: the span is Activity.Current for this signal's publish alone.
    private async Task PublishInTraceAsync(RiskSignalDetected signal, ActivityContext trigger, ActivityContext? batch, CancellationToken cancellationToken)
    {
        using var activity = telemetry.ActivitySource.StartActivity("publish signal", ActivityKind.Producer, trigger, links: batch is { } b ? new[] { new ActivityLink(b) } : null);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("governance.signal.id", signal.SignalId);
            activity.SetTag("governance.rule.id", signal.RuleId);
        }

        // Without a span of ours (no listener), the trigger's context travels as is.
        await PublishOneAsync(signal, activity?.Id ?? TraceContext.Format(trigger), cancellationToken);
    }

    private Task PublishOneAsync(RiskSignalDetected signal, string? traceParent, CancellationToken cancellationToken) =>
        bus.Publish(signal, context =>
        {
            // The signal id is stable across redelivery and replay: consumers dedup on it.
            context.MessageId = DeterministicGuid(signal.SignalId);
            context.Durable = true;
            if ((context as RabbitMqSendContext ?? context.GetPayload<RabbitMqSendContext>()) is { } rabbit)
            {
                rabbit.Mandatory = true;
            }
            else
            {
                throw new InvalidOperationException("Signals must be published to RabbitMQ with mandatory set; the transport gave no RabbitMQ send context.");
            }

            // MassTransit's diagnostic header: its send span (when it records one) replaces it with its own
            // id in the same trace, and takes it as parent when no span is current.
            if (traceParent is not null)
            {
                context.Headers.Set(DiagnosticHeaders.ActivityId, traceParent);
            }
        }, cancellationToken);

    private static Guid DeterministicGuid(string signalId) =>
        Guid.TryParseExact(signalId, "N", out var id) ? id : new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(signalId)).AsSpan(0, 16));
}
