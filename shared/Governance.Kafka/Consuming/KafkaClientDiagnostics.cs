using System.Text.Json;
using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Governance.Kafka.Consuming;

/// <summary>
/// librdkafka's logs, statistics and non-fatal errors, taken to <see cref="ILogger"/>: the callbacks
/// (some on librdkafka's own threads) only enqueue into a bounded channel that a background task
/// drains, so a slow log sink never stalls the client. Non-fatal errors are logged rate-limited by
/// <see cref="KafkaErrorLog"/>; offset resets (the committed position is no longer on the broker) are
/// errors, counted.
/// </summary>
/// <param name="logger">Where the lines go.</param>
/// <param name="time">The clock <see cref="KafkaErrorLog"/> measures its interval on.</param>
internal sealed class KafkaClientDiagnostics(ILogger logger, TimeProvider time)
{
    private readonly Channel<object> _channel = Channel.CreateBounded<object>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly KafkaErrorLog _errors = new(logger, "consumer", time);
    private long _offsetResets;
    private long _lag = -1;

    /// <summary>Offset resets seen so far.</summary>
    public long OffsetResets => Interlocked.Read(ref _offsetResets);

    /// <summary>Consumer lag summed over the assigned partitions from the last statistics (null before any).</summary>
    public long? Lag => Interlocked.Read(ref _lag) is >= 0 and var lag ? lag : null;

    /// <summary>Starts draining; dispose the result to stop.</summary>
    public IDisposable Start(CancellationToken cancellationToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var drain = Task.Run(() => DrainAsync(stop.Token), CancellationToken.None);
        return new Stopper(stop, drain, _channel);
    }

    public void Log(LogMessage message) => _channel.Writer.TryWrite(message);

    public void Statistics(string json) => _channel.Writer.TryWrite(new StatisticsJson(json));

    public void Error(Error error) => _channel.Writer.TryWrite(error);

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in _channel.Reader.ReadAllAsync(cancellationToken))
            {
                switch (item)
                {
                    case LogMessage m:
                        OnLog(m);
                        break;
                    case StatisticsJson s:
                        OnStatistics(s.Json);
                        break;
                    case Error e:
                        OnError(e);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void OnLog(LogMessage message)
    {
        if (message.Message.Contains("offset reset", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _offsetResets);
            KafkaLog.OffsetReset(logger, message.Name, message.Message);
            return;
        }

        KafkaLog.Client(logger, message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
            SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        }, message.Name, message.Facility, message.Message);
    }

    private void OnError(Error error)
    {
        if (error.Code == ErrorCode.Local_AutoOffsetReset)
        {
            Interlocked.Increment(ref _offsetResets);
            KafkaLog.OffsetReset(logger, "consumer", error.Reason);
            return;
        }

        _errors.Log(error);
    }

    private void OnStatistics(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            long lag = 0;
            if (document.RootElement.TryGetProperty("topics", out var topics))
            {
                foreach (var topic in topics.EnumerateObject())
                {
                    foreach (var partition in topic.Value.GetProperty("partitions").EnumerateObject())
                    {
                        // consumer_lag is -1 for partitions this consumer does not fetch.
                        if (partition.Value.TryGetProperty("consumer_lag", out var l) && l.GetInt64() > 0)
                        {
                            lag += l.GetInt64();
                        }
                    }
                }
            }

            Interlocked.Exchange(ref _lag, lag);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            KafkaLog.StatisticsUnreadable(logger, ex);
        }
    }

    private sealed record StatisticsJson(string Json);

    private sealed class Stopper(CancellationTokenSource stop, Task drain, Channel<object> channel) : IDisposable
    {
        public void Dispose()
        {
            // What is already queued (the client's last words on close) is still written.
            channel.Writer.TryComplete();
            drain.Wait(TimeSpan.FromSeconds(2));
            stop.Cancel();
            stop.Dispose();
        }
    }
}
