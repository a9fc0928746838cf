using Governance.Contracts;

namespace Governance.Signals.Publishing;

/// <summary>Publishes signals durably: returns only when the broker confirmed every one.</summary>
public interface ISignalPublisher
{
    /// <summary>Publishes the signals; throws when any was not confirmed.</summary>
    Task PublishAsync(IReadOnlyList<RiskSignalDetected> signals, CancellationToken cancellationToken);
}
