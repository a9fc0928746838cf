using Governance.Contracts;

namespace Governance.Signals.Publishing;

/// <summary>Publishes signals durably: returns only when the broker confirmed every one into a queue.</summary>
public interface ISignalPublisher
{
    /// <summary>Declares the signal queue and its bindings (at start, before the first batch).</summary>
    Task DeclareAsync(CancellationToken cancellationToken);

    /// <summary>Publishes the signals; throws when any was not confirmed or was returned unroutable.</summary>
    Task PublishAsync(IReadOnlyList<RiskSignalDetected> signals, CancellationToken cancellationToken);
}
