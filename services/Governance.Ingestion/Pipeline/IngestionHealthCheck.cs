using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Governance.Ingestion.Pipeline;

/// <summary>Live: the loop polls. Ready: it runs and its batches are delivered.</summary>
internal sealed class IngestionHealthCheck(IngestionHealth health, TimeProvider time, bool readiness) : IHealthCheck
{
    private static readonly TimeSpan Stalled = TimeSpan.FromMinutes(2);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var sincePoll = time.GetUtcNow() - health.LastPoll;
        if (sincePoll > Stalled)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"the consume loop has not polled for {sincePoll.TotalSeconds:0} s"));
        }

        if (readiness && !health.Running)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the consume loop is not running"));
        }

        return Task.FromResult(readiness && health.Failing
            ? HealthCheckResult.Degraded("a batch is not being acknowledged by Kafka; retrying")
            : HealthCheckResult.Healthy());
    }
}
