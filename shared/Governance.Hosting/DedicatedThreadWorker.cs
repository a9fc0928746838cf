using Microsoft.Extensions.Hosting;

namespace Governance.Hosting;

/// <summary>
/// Hosts a blocking loop (Kafka's Consume blocks) on a thread of its own. When the loop fails, the
/// process exits non-zero so its supervisor restarts it; the loop commits nothing it has not finished.
/// </summary>
public abstract class DedicatedThreadWorker(IHostApplicationLifetime lifetime) : BackgroundService
{
    /// <summary>The loop; returns when <paramref name="stoppingToken"/> fires.</summary>
    protected abstract void Run(CancellationToken stoppingToken);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(
            () =>
            {
                try
                {
                    Run(stoppingToken);
                }
                catch
                {
                    Environment.ExitCode = 1;
                    lifetime.StopApplication();
                    throw;
                }
            },
            stoppingToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
}
