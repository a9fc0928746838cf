using Confluent.Kafka;
using Governance.Kafka;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Ingestion.Tests;

public sealed class KafkaErrorLogTests
{
    [Fact]
    public void ARepeatedErrorIsLoggedOncePerIntervalWithHowManyWereLeftOut()
    {
        var logger = new FakeLogger();
        var time = new FakeTimeProvider();
        var errors = new KafkaErrorLog(logger, "producer", time);
        var down = new Error(ErrorCode.Local_AllBrokersDown, "1/1 brokers are down");

        errors.Log(down);
        errors.Log(down);
        errors.Log(down);
        errors.Log(new Error(ErrorCode.Local_Transport, "connection refused"));
        time.Advance(KafkaErrorLog.Interval);
        errors.Log(down);

        var lines = logger.Collector.GetSnapshot().Select(r => r.Message).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains("Kafka producer error Local_AllBrokersDown", lines[0], StringComparison.Ordinal);
        Assert.Contains("Local_Transport", lines[1], StringComparison.Ordinal);
        Assert.Contains("2 more of this code", lines[2], StringComparison.Ordinal);
    }
}
