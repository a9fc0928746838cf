using System.Diagnostics.Metrics;
using Governance.Hosting;
using Governance.Ingestion.Pipeline;
using Governance.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Governance.Ingestion.IntegrationTests;

/// <summary>The ingestion pipeline running in the test process on its own thread.</summary>
internal sealed class RunningPipeline : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ServiceProvider _services;
    private readonly Thread _thread;
    private Exception? _failure;

    public RunningPipeline(string bootstrap, IngestionOptions options, ILogger<IngestionPipeline>? logger = null)
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        MeterFactory = _services.GetRequiredService<IMeterFactory>();
        Health = new LoopHealth(TimeProvider.System);
        var pipeline = new IngestionPipeline(
            Options.Create(options),
            Options.Create(new KafkaSettings { BootstrapServers = bootstrap }),
            new IngestionTelemetry(MeterFactory),
            Health,
            TimeProvider.System,
            logger ?? NullLogger<IngestionPipeline>.Instance);
        _thread = new Thread(() =>
        {
            try
            {
                pipeline.Run(_stop.Token);
            }
            catch (Exception ex)
            {
                _failure = ex;
            }
        }) { IsBackground = true, Name = "ingestion-under-test" };
        _thread.Start();
    }

    public LoopHealth Health { get; }

    public IMeterFactory MeterFactory { get; }

    public void Stop()
    {
        _stop.Cancel();
        if (!_thread.Join(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("the pipeline did not stop within 30 s");
        }

        if (_failure is not null)
        {
            throw new InvalidOperationException("the pipeline failed", _failure);
        }
    }

    public void Dispose()
    {
        if (_thread.IsAlive)
        {
            Stop();
        }

        _stop.Dispose();
        _services.Dispose();
    }
}
