using Governance.Hosting;
using Microsoft.Extensions.Hosting;

namespace Governance.Signals.Pipeline;

/// <summary>Hosts the signal worker loop.</summary>
internal sealed class SignalsWorker(SignalsPipeline pipeline, IHostApplicationLifetime lifetime) : DedicatedThreadWorker(lifetime)
{
    protected override void Run(CancellationToken stoppingToken) => pipeline.Run(stoppingToken);
}
