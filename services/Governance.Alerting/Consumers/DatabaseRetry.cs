using System.Net.Sockets;
using Governance.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Governance.Alerting.Consumers;

/// <summary>
/// Runs a consumer's work until it gets through to PostgreSQL. While PostgreSQL is away the message is
/// held (not acknowledged, not faulted) and tried again with backoff: consumption pauses and resumes
/// without loss, instead of burning the retry budget and filling the error queue with good messages.
/// </summary>
internal sealed class DatabaseRetry(IOptions<AlertingOptions> options, LoopHealth health, AlertingTelemetry telemetry, TimeProvider time, ILogger<DatabaseRetry> logger)
{
    public async Task RunAsync(string messageId, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var backoff = options.Value.RetryBackoff;
        while (true)
        {
            try
            {
                await work(cancellationToken);
                health.Waiting(null);
                return;
            }
            catch (Exception ex) when (IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
            {
                health.Waiting("PostgreSQL");
                telemetry.Waits.Add(1, new KeyValuePair<string, object?>("dependency", "postgresql"));
                AlertingLog.DatabaseUnavailable(logger, ex, messageId, backoff);
                await Task.Delay(backoff, time, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.Value.MaxRetryBackoff.Ticks));
            }
        }
    }

    /// <summary>PostgreSQL cannot be reached or dropped the session; anything else is a fault of the message or the code.</summary>
    internal static bool IsUnavailable(Exception ex) => ex switch
    {
        NpgsqlException { IsTransient: true } => true,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" } => true,
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => true,
        _ => false,
    };
}
