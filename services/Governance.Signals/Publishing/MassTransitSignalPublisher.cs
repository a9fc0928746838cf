using Governance.Contracts;
using MassTransit;

namespace Governance.Signals.Publishing;

/// <summary>Publishes with MassTransit; the RabbitMQ transport waits for publisher confirms.</summary>
internal sealed class MassTransitSignalPublisher(IPublishEndpoint publishEndpoint) : ISignalPublisher
{
    public Task PublishAsync(IReadOnlyList<RiskSignalDetected> signals, CancellationToken cancellationToken) =>
        Task.WhenAll(signals.Select(s => publishEndpoint.Publish(s, context =>
        {
            // The signal id is stable across redelivery: consumers dedup on it.
            context.MessageId = DeterministicGuid(s.SignalId);
        }, cancellationToken)));

    private static Guid DeterministicGuid(string signalId) =>
        Guid.TryParseExact(signalId, "N", out var id) ? id : new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(signalId)).AsSpan(0, 16));
}
