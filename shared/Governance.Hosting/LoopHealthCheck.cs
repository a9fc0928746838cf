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

        var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["partitions"] = health.Partitions, ["lag"] = health.Lag };
        var held = $"{health.Partitions} partitions, lag {health.Lag}";
        if (!readiness)
        {
            return Task.FromResult(HealthCheckResult.Healthy(held, data));
        }

        return Task.FromResult(health.WaitingFor is { } dependency
            ? HealthCheckResult.Unhealthy($"waiting for {dependency} ({held})", data: data)
            : health.Running ? HealthCheckResult.Healthy(held, data) : HealthCheckResult.Unhealthy("the loop is not running", data: data));
    }
}
