using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Governance.Hosting;

/// <summary>Live: the loop polls (or retries). Ready: it runs and waits for no dependency.</summary>
public sealed class LoopHealthCheck(LoopHealth health, TimeProvider time, bool readiness) : IHealthCheck
{
    private static readonly TimeSpan Stalled = TimeSpan.FromMinutes(2);

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var sincePoll = time.GetUtcNow() - health.LastPoll;
        if (sincePoll > Stalled)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"the loop has not polled for {sincePoll.TotalSeconds:0} s"));
        }

        if (!readiness)
        {
            return Task.FromResult(HealthCheckResult.Healthy());
        }

        return Task.FromResult(health.WaitingFor is { } dependency
            ? HealthCheckResult.Unhealthy($"waiting for {dependency}")
            : health.Running ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the loop is not running"));
    }
}
