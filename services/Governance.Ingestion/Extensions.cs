using Governance.Hosting;
using Governance.Ingestion.Pipeline;
using Governance.Kafka;
using Microsoft.Extensions.Options;

namespace Governance.Ingestion;

/// <summary>The ingestion service's registrations.</summary>
public static class Extensions
{
    /// <summary>Options, the pipeline, its worker and its health checks.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<KafkaSettings>().BindConfiguration(KafkaSettings.SectionName).ValidateOnStartWith<KafkaSettings, KafkaSettingsValidator>();
        builder.Services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.SectionName).ValidateOnStartWith<IngestionOptions, IngestionOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IngestionTelemetry>();
        builder.Services.AddSingleton<LoopHealth>();
        builder.Services.AddSingleton<IngestionPipeline>();
        builder.Services.AddHostedService<IngestionWorker>();
        builder.Services.AddHealthChecks()
            .Add(new("ingestion-loop", sp => new LoopHealthCheck(sp.GetRequiredService<LoopHealth>(), TimeProvider.System, readiness: false), null, [ServiceDefaultsExtensions.LiveTag]))
            .Add(new("ingestion-delivery", sp => new LoopHealthCheck(sp.GetRequiredService<LoopHealth>(), TimeProvider.System, readiness: true), null, [ServiceDefaultsExtensions.ReadyTag]));
        return builder;
    }
}
