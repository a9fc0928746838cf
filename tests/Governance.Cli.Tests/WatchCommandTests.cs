using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Governance.Contracts;
using Governance.Testing;
using RabbitMQ.Client;

namespace Governance.Cli.Tests;

/// <summary>
/// <c>governance watch</c> against a real RabbitMQ (a virtual host of its own) and the test Kafka broker:
/// what is produced and published while it watches shows in its status lines and its summary.
/// </summary>
public sealed class WatchCommandTests(KafkaBroker kafka) : IClassFixture<KafkaBroker>, IAsyncLifetime
{
    private readonly RabbitMqServer _rabbit = new();
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("governance-watch-");
    private string _vhost = "";

    public async Task InitializeAsync()
    {
        await _rabbit.InitializeAsync();
        _vhost = _rabbit.CreateVirtualHost();
    }

    public Task DisposeAsync()
    {
        RabbitMqServer.DeleteVirtualHost(_vhost);
        _temp.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ItCountsAProducedEventItsDeadLetterAndAPublishedSignal()
    {
        var (content, transactions, events, dead) = (
            await kafka.CreateTopicAsync("watch.content"), await kafka.CreateTopicAsync("watch.transactions"),
            await kafka.CreateTopicAsync("watch.events"), await kafka.CreateTopicAsync("watch.deadletter", 1));
        var ready = Path.Combine(_temp.FullName, "ready");

        var watching = CliRun.RunAsync(
            "watch", "--bootstrap", kafka.BootstrapServers,
            "--topic", $"content={content}", "--topic", $"transactions={transactions}", "--topic", $"events={events}", "--topic", $"deadletter={dead}",
            "--vhost", _vhost, "--management", "none", "--db", "none",
            "--plain", "--interval", "1s", "--duration", "8s", "--settle", "5s", "--ready-file", ready);
        await WaitForAsync(ready, watching);

        using (var producer = KafkaTestClient.Producer(kafka.BootstrapServers))
        {
            // One valid record and its normalized event; one broken record and its dead letter.
            await producer.ProduceAsync(content, new Message<string, string> { Key = "watch-creator", Value = """{"eventId":"w1","type":"post.published","creatorId":"watch-creator","occurredAt":"2026-12-08T10:00:00Z"}""" });
            await producer.ProduceAsync(transactions, new Message<string, string> { Key = "watch-creator", Value = "{not json" });
            await producer.ProduceAsync(events, new Message<string, string> { Key = "watch-creator", Value = """{"eventId":"w1"}""" });
            await producer.ProduceAsync(dead, new Message<string, string>
            {
                Key = "watch-creator",
                Value = "{not json",
                Headers = new Confluent.Kafka.Headers { { DeadLetterHeaders.Reason, "not_json"u8.ToArray() }, { DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(transactions) } },
            });
        }

        await PublishSignalAsync("watch-test-rule");

        var (exit, output, error) = await watching;

        Assert.True(exit == 0, output + error);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.Contains("(2) · normalized 1 · dead-lettered 1 (not_json 1) · signals 1 (watch-test-rule 1) · alerts 0", StringComparison.Ordinal));
        Assert.Contains("events in 2 = normalized 1 + dead-lettered 1: nothing lost", lines);
        Assert.Contains("signals 1 published; stored: not checked (--db none)", lines);
        Assert.Contains("alerts vs ground truth: not scored (no --truth)", lines);
    }

    private async Task PublishSignalAsync(string rule)
    {
        var factory = _rabbit.FactoryFor(_vhost);
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var signal = new RiskSignalDetected
        {
            SignalId = "watch-signal-1",
            CreatorId = "watch-creator",
            RuleId = rule,
            RuleVersion = "1",
            Severity = "high",
            Mode = "enforce",
            Value = 6,
            Threshold = ">= 5",
            Window = "1h",
            WindowEnd = DateTimeOffset.UtcNow,
            Evidence = [],
            DetectedAt = DateTimeOffset.UtcNow,
        };
        var envelope = new Dictionary<string, object>
        {
            ["messageType"] = new[] { "urn:message:Governance.Contracts:RiskSignalDetected" },
            ["message"] = JsonSerializer.SerializeToElement(signal, GovernanceJsonContext.Default.RiskSignalDetected),
        };
        await channel.BasicPublishAsync("Governance.Contracts:RiskSignalDetected", "", mandatory: true, new BasicProperties(), JsonSerializer.SerializeToUtf8Bytes(envelope));
    }

    private static async Task WaitForAsync(string file, Task<(int Exit, string Out, string Err)> watching)
    {
        for (var i = 0; i < 600 && !File.Exists(file); i++)
        {
            if (watching.IsCompleted)
            {
                var (exit, output, error) = await watching;
                Assert.Fail($"watch ended before it was ready (exit {exit}): {output}{error}");
            }

            await Task.Delay(100);
        }

        Assert.True(File.Exists(file), "watch was not ready within 60 s");
    }
}
