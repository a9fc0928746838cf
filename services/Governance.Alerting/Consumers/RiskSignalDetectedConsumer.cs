using Governance.Alerting.Scoring;
using Governance.Contracts;
using Governance.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Governance.Alerting.Consumers;

/// <summary>
/// Hands each signal to <see cref="SignalProcessor"/>. While PostgreSQL is away the message is held
/// (not acknowledged, not faulted) and tried again with backoff: consumption pauses and resumes without
/// loss, instead of burning the retry budget and filling the error queue with good signals.
/// </summary>
internal sealed class RiskSignalDetectedConsumer(
    SignalProcessor processor,
    IOptions<AlertingOptions> options,
    LoopHealth health,
    AlertingTelemetry telemetry,
    TimeProvider time,
    ILogger<RiskSignalDetectedConsumer> logger) : IConsumer<RiskSignalDetected>
{
    public async Task Consume(ConsumeContext<RiskSignalDetected> context)
    {
        var backoff = options.Value.RetryBackoff;
        while (true)
        {
            try
            {
                await processor.ProcessAsync(context.Message, context.CancellationToken);
                health.Waiting(null);
                return;
            }
            catch (InvalidSignalException ex)
            {
                AlertingLog.InvalidSignal(logger, context.Message.SignalId ?? "(none)", ex.Message);
                throw;
            }
            catch (Exception ex) when (IsUnavailable(ex) && !context.CancellationToken.IsCancellationRequested)
            {
                health.Waiting("PostgreSQL");
                telemetry.Waits.Add(1, new KeyValuePair<string, object?>("dependency", "postgresql"));
                AlertingLog.DatabaseUnavailable(logger, ex, context.Message.SignalId, backoff);
                await Task.Delay(backoff, time, context.CancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.Value.MaxRetryBackoff.Ticks));
            }
        }
    }

    /// <summary>PostgreSQL cannot be reached or dropped the session; anything else is a fault of the message or the code.</summary>
    internal static bool IsUnavailable(Exception ex) => ex switch
    {
        NpgsqlException { IsTransient: true } => true,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" } => true,
        NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException } => true,
        _ => false,
    };
}
