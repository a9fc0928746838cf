using Governance.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Governance.Alerting;

/// <summary>
/// Ready: neither the consumer nor the outbox dispatcher waits for a dependency, and the dispatcher runs.
/// (The consumer is push-driven: an idle queue is not a stalled loop, so no poll-age liveness check.)
/// </summary>
internal sealed class DependencyHealthCheck(LoopHealth consumer, LoopHealth outbox) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult((consumer.WaitingFor ?? outbox.WaitingFor) is { } dependency
            ? HealthCheckResult.Unhealthy($"waiting for {dependency}")
            : outbox.Running ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the outbox dispatcher is not running"));
}
