using System.Security.Cryptography;
using System.Text;
using Governance.Contracts;
using MassTransit;

namespace Governance.Signals.Publishing;

/// <summary>
/// Publishes with MassTransit on the bus (a singleton, as this publisher is): publisher confirms, and
/// <c>mandatory</c> so that a message no queue takes comes back as a <see cref="MessageReturnedException"/>
/// (retried) instead of vanishing as a confirmed success.
/// </summary>
internal sealed class MassTransitSignalPublisher(IBus bus) : ISignalPublisher
{
    public async Task DeclareAsync(CancellationToken cancellationToken)
    {
        // MassTransit declares a send transport's topology (the message type's exchange and the queue
        // bound to it in the publish topology) on its channel before a message is built: a send whose
        // callback refuses to build one declares everything and publishes nothing.
        var endpoint = await bus.GetPublishSendEndpoint<RiskSignalDetected>().WaitAsync(cancellationToken);
        try
        {
            await endpoint.Send<RiskSignalDetected>(new { }, _ => throw new DeclaredOnlyException(), cancellationToken);
        }
        catch (DeclaredOnlyException)
        {
        }
    }

    public Task PublishAsync(IReadOnlyList<RiskSignalDetected> signals, CancellationToken cancellationToken) =>
        Task.WhenAll(signals.Select(s => bus.Publish(s, context =>
        {
            // The signal id is stable across redelivery and replay: consumers dedup on it.
            context.MessageId = DeterministicGuid(s.SignalId);
            context.Durable = true;
            if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
            {
                rabbit.Mandatory = true;
            }
        }, cancellationToken)));

    private static Guid DeterministicGuid(string signalId) =>
        Guid.TryParseExact(signalId, "N", out var id) ? id : new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(signalId)).AsSpan(0, 16));

    private sealed class DeclaredOnlyException() : Exception("Declared; nothing to publish.");
}
