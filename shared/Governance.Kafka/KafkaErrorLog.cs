using Confluent.Kafka;
using Governance.Kafka.Consuming;
using Microsoft.Extensions.Logging;

namespace Governance.Kafka;

/// <summary>
/// Logs a Kafka client's non-fatal errors (librdkafka recovers from them by itself) at most once per
/// error code every <see cref="Interval"/>: a broker that is down repeats its error many times a second.
/// Each line says how many of its code were left out since the previous one.
/// </summary>
/// <param name="logger">Where the lines go.</param>
/// <param name="client">The client's role in the lines, e.g. <c>producer</c>.</param>
/// <param name="time">The clock the interval is measured on.</param>
public sealed class KafkaErrorLog(ILogger logger, string client, TimeProvider time)
{
    /// <summary>Shortest time between two lines of one error code.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    // Producers report on their own poll thread, consumers through the diagnostics drain.
    private readonly Lock _gate = new();
    private readonly Dictionary<ErrorCode, (DateTimeOffset Last, int Suppressed)> _errors = [];

    /// <summary>Logs <paramref name="error"/> unless one of its code was logged less than <see cref="Interval"/> ago.</summary>
    public void Log(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var now = time.GetUtcNow();
        int suppressed;
        lock (_gate)
        {
            if (_errors.TryGetValue(error.Code, out var seen) && now - seen.Last < Interval)
            {
                _errors[error.Code] = (seen.Last, seen.Suppressed + 1);
                return;
            }

            suppressed = seen.Suppressed;
            _errors[error.Code] = (now, 0);
        }

        KafkaLog.ClientError(logger, client, error.Code, error.Reason, suppressed);
    }
}
