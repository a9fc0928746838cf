using Microsoft.Extensions.Hosting;

namespace Governance.Signals.Pipeline;

/// <summary>Hosts the blocking consume loop on its own thread (Kafka's Consume blocks).</summary>
internal sealed class SignalsWorker(SignalsPipeline pipeline, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(
            () =>
            {
                try
                {
                    pipeline.Run(stoppingToken);
                }
                catch
                {
                    // A fatal client error: exit non-zero so the supervisor restarts us; nothing past the last good batch was committed.
                    Environment.ExitCode = 1;
                    lifetime.StopApplication();
                    throw;
                }
            },
            stoppingToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
}
