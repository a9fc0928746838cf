using Governance.Alerting.Consumers;
using Governance.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Governance.Alerting;

/// <summary>
/// Ready: neither the consumer nor the outbox dispatcher waits for a dependency, and the dispatcher runs.
/// (The consumer is push-driven: an idle queue is not a stalled loop, so no poll-age liveness check.)
/// Like the Kafka services' readiness, it carries the lag: here the signals waiting in the input queue.
/// </summary>
internal sealed class DependencyHealthCheck(LoopHealth consumer, LoopHealth outbox, InputQueueDepth queue) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var depth = queue.Depth;
        var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["lag"] = depth is { } known ? known : "unknown" };
        var waiting = depth is { } d ? $"{d} signals waiting in the input queue" : "input queue depth unknown";
        return Task.FromResult((consumer.WaitingFor ?? outbox.WaitingFor) is { } dependency
            ? HealthCheckResult.Unhealthy($"waiting for {dependency} ({waiting})", data: data)
            : outbox.Running ? HealthCheckResult.Healthy(waiting, data) : HealthCheckResult.Unhealthy("the outbox dispatcher is not running", data: data));
    }
}
