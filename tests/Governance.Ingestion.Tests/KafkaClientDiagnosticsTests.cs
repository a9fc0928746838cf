using Confluent.Kafka;
using Governance.Kafka;
using Governance.Kafka.Consuming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Ingestion.Tests;

public sealed class KafkaClientDiagnosticsTests
{
    private static readonly Error Down = new(ErrorCode.Local_AllBrokersDown, "1/1 brokers are down");

    [Fact]
    public void AConsumerErrorIsLoggedOncePerIntervalOfTheInjectedClock()
    {
        var logger = new FakeLogger();
        var time = new FakeTimeProvider();
        var diagnostics = new KafkaClientDiagnostics(logger, time);
        using var stop = new CancellationTokenSource();
        var drain = diagnostics.Start(stop.Token);
        try
        {
            diagnostics.Error(Down);
            diagnostics.Error(Down);
            Drained(diagnostics, logger);

            // Just short of the interval on the injected clock: still left out, however long the test really took.
            time.Advance(KafkaErrorLog.Interval - TimeSpan.FromTicks(1));
            diagnostics.Error(Down);
            Drained(diagnostics, logger);
            Assert.Single(ErrorLines(logger));

            time.Advance(TimeSpan.FromTicks(1));
            diagnostics.Error(Down);
            Drained(diagnostics, logger);
        }
        finally
        {
            drain.Dispose();
        }

        var lines = ErrorLines(logger);
        Assert.Equal(2, lines.Count);
        Assert.Contains("Kafka consumer error Local_AllBrokersDown", lines[0], StringComparison.Ordinal);
        Assert.Contains("0 more of this code", lines[0], StringComparison.Ordinal);
        Assert.Contains("2 more of this code", lines[1], StringComparison.Ordinal);
    }

    private static List<string> ErrorLines(FakeLogger logger) =>
        [.. logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Warning).Select(r => r.Message)];

    // The drain is a background task in enqueue order: once a marker log line queued after the errors is
    // written, every error before it has been handled.
    private static void Drained(KafkaClientDiagnostics diagnostics, FakeLogger logger)
    {
        var marker = Guid.NewGuid().ToString("N");
        diagnostics.Log(new LogMessage("test", SyslogLevel.Debug, "marker", marker));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!logger.Collector.GetSnapshot().Any(r => r.Message.Contains(marker, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the diagnostics drain did not catch up within 10 s");
            Thread.Sleep(5);
        }
    }
}
