using Governance.Hosting;
using Microsoft.Extensions.Hosting;

namespace Governance.Ingestion.Pipeline;

/// <summary>Hosts the ingestion loop.</summary>
internal sealed class IngestionWorker(IngestionPipeline pipeline, IHostApplicationLifetime lifetime) : DedicatedThreadWorker(lifetime)
{
    protected override void Run(CancellationToken stoppingToken) => pipeline.Run(stoppingToken);
}
