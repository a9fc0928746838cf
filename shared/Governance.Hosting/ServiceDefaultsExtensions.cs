using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Governance.Hosting;

/// <summary>The one set of hosting defaults every Governance service starts with.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Liveness probe path: the process runs and its loops make progress.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Readiness probe path: dependencies answer and work is flowing.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>Prometheus scrape path (text exposition format).</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Tag of health checks that decide liveness.</summary>
    public const string LiveTag = "live";

    /// <summary>Tag of health checks that decide readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Configuration (appsettings, <c>appsettings.{Environment}.json</c>, environment variables,
    /// command line: the WebApplication builder's defaults), structured logging, OpenTelemetry
    /// tracing and metrics for the given sources and meters, health checks and shutdown timeout.
    /// </summary>
    /// <param name="builder">The service's builder.</param>
    /// <param name="telemetryNames">ActivitySource and Meter names the service emits.</param>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, params string[] telemetryNames)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Hosting:LogFormat=json gives one JSON object per line (for log shippers); the default reads well in a terminal.
        if (string.Equals(builder.Configuration["Hosting:LogFormat"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "O";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.UseUtcTimestamp = true;
            });
        }
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        builder.ConfigureOpenTelemetry(telemetryNames);

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        builder.Services.Configure<HostOptions>(o =>
            o.ShutdownTimeout = builder.Configuration.GetValue("Hosting:ShutdownTimeout", TimeSpan.FromSeconds(30)));
        return builder;
    }

    /// <summary>
    /// Maps the liveness and readiness endpoints in every environment (workers need probes), and the
    /// Prometheus scrape endpoint <c>/metrics</c> (every meter of the service, on the same port).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag) });
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    private static void ConfigureOpenTelemetry(this IHostApplicationBuilder builder, string[] telemetryNames)
    {
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
            .WithMetrics(m => m.AddRuntimeInstrumentation().AddAspNetCoreInstrumentation().AddMeter(telemetryNames).AddPrometheusExporter())
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health") && !ctx.Request.Path.StartsWithSegments(MetricsPath))
                .AddSource(telemetryNames));

        // Export only where a collector is configured; otherwise telemetry stays in-process (dotnet-counters still sees meters).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
    }
}
