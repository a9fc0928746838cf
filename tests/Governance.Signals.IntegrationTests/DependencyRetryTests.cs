using System.Diagnostics.Metrics;
using Governance.Hosting;
using Governance.Signals.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Signals.IntegrationTests;

/// <summary>How the worker reports a dependency that fails, and one that holds a call without failing.</summary>
public sealed class DependencyRetryTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger _logger = new();
    private readonly LoopHealth _health;
    private readonly DependencyRetry _retry;

    public DependencyRetryTests()
    {
        _health = new LoopHealth(_time);
        var options = new SignalsOptions { StallReport = TimeSpan.FromSeconds(3), AttemptTimeout = TimeSpan.FromMinutes(5) };
        _retry = new DependencyRetry(options, _health, new SignalsTelemetry(_services.GetRequiredService<IMeterFactory>()), _time, _logger);
    }

    [Fact]
    public async Task ACallHeldPastTheStallReportIsReportedAsWaitingAndItsReturnAsRecovered()
    {
        var answer = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = _retry.RunAsync("Redis", _ => answer.Task, CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(_health.WaitingFor);

        _time.Advance(TimeSpan.FromSeconds(2));
        await WaitUntilAsync(() => _logger.Collector.GetSnapshot().Any(r => r.Message.Contains("Redis has not answered for 3 s", StringComparison.Ordinal)));
        Assert.Equal("Redis", _health.WaitingFor);

        _time.Advance(TimeSpan.FromSeconds(4));
        answer.SetResult(42);

        Assert.Equal(42, await call);
        Assert.Null(_health.WaitingFor);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Message == "Redis is back after 0 retries; the call took 8.0 s");
    }

    [Fact]
    public async Task AQuickCallReportsNothing()
    {
        Assert.Equal(1, await _retry.RunAsync("Redis", _ => Task.FromResult(1), CancellationToken.None));

        Assert.Null(_health.WaitingFor);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    public void Dispose() => _services.Dispose();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
