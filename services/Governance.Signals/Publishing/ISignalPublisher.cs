using System.Diagnostics;
using Governance.Contracts;

namespace Governance.Signals.Publishing;

/// <summary>Publishes signals durably: returns only when the broker confirmed every one into a queue.</summary>
public interface ISignalPublisher
{
    /// <summary>Declares the signal queue and its bindings (at start, before the first batch).</summary>
    Task DeclareAsync(CancellationToken cancellationToken);

    /// <summary>Publishes the signals; throws when any was not confirmed or was returned unroutable.</summary>
    /// <param name="signals">The signals.</param>
    /// <param name="traces">
    /// Per signal id, the trace context of the event that made it fire: that signal's publish continues
    /// this trace, and its message carries it. Signals without one are published in the caller's context.
    /// </param>
    /// <param name="cancellationToken">Stops waiting for the confirms.</param>
    Task PublishAsync(IReadOnlyList<RiskSignalDetected> signals, IReadOnlyDictionary<string, ActivityContext>? traces, CancellationToken cancellationToken);
}
