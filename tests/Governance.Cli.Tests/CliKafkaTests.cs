using Confluent.Kafka;
using Governance.Cli.Commands;

namespace Governance.Cli.Tests;

/// <summary>
/// The CLI's Kafka clients are configured as the services' are: <c>Kafka__*</c> settings from the environment
/// (SASL and the like) reach <c>simulate</c>'s producer and <c>watch</c>'s clients. Environment variables are
/// the process's: the tests of this assembly run one at a time (xunit.runner.json), and each one restores them.
/// </summary>
public sealed class CliKafkaTests
{
    [Fact]
    public void KafkaClientSettingsOfTheEnvironmentReachTheClientConfigs()
    {
        using var environment = new EnvironmentVariables(
            ("Kafka__BootstrapServers", "broker-from-env:9092"),
            ("Kafka__Client__security.protocol", "SASL_SSL"),
            ("Kafka__Client__sasl.mechanism", "SCRAM-SHA-512"),
            ("Kafka__Producer__linger.ms", "7"),
            ("Kafka__Consumer__fetch.min.bytes", "2"),
            ("Kafka__InstanceId", "a-service-pod"));

        var settings = CliKafka.Settings(bootstrap: null);
        var producer = settings.Apply(new ProducerConfig());
        var consumer = settings.Apply(new ConsumerConfig());
        var admin = settings.Apply(new AdminClientConfig());

        Assert.Equal("broker-from-env:9092", producer.BootstrapServers);
        foreach (ClientConfig config in new ClientConfig[] { producer, consumer, admin })
        {
            Assert.Equal("SCRAM-SHA-512", config.Get("sasl.mechanism"));
            Assert.Equal("SASL_SSL", config.Get("security.protocol"));
        }

        Assert.Equal(7, producer.LingerMs);
        Assert.Equal(2, consumer.FetchMinBytes);
        Assert.Null(consumer.Get("linger.ms"));
        // A service instance's static membership is not the CLI's.
        Assert.Null(consumer.GroupInstanceId);
        // --bootstrap wins over the environment.
        Assert.Equal("flag:9092", CliKafka.Settings("flag:9092").Apply(new ProducerConfig()).BootstrapServers);
    }

    [Fact]
    public async Task SimulateAndWatchBuildTheirClientsFromThoseSettings()
    {
        // A value librdkafka refuses proves the setting reached the command's client: it says so in one line, exit 2.
        using var environment = new EnvironmentVariables(("Kafka__Client__security.protocol", "NOT-A-PROTOCOL"));

        var simulate = await CliRun.RunAsync("simulate", "--bootstrap", "127.0.0.1:9", "--creators", "100", "--duration", "1m");
        var watch = await CliRun.RunAsync("watch", "--bootstrap", "127.0.0.1:9", "--db", "none", "--management", "none", "--duration", "1s");

        foreach (var (exit, _, error) in new[] { simulate, watch })
        {
            Assert.Equal(2, exit);
            Assert.Contains("Kafka client configuration", error, StringComparison.Ordinal);
            Assert.Contains("NOT-A-PROTOCOL", error, StringComparison.Ordinal);
        }
    }

    /// <summary>Sets environment variables for a test and puts the previous values back.</summary>
    private sealed class EnvironmentVariables : IDisposable
    {
        private readonly List<(string Name, string? Previous)> _previous = [];

        public EnvironmentVariables(params (string Name, string Value)[] variables)
        {
            foreach (var (name, value) in variables)
            {
                _previous.Add((name, Environment.GetEnvironmentVariable(name)));
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, previous) in _previous)
            {
                Environment.SetEnvironmentVariable(name, previous);
            }
        }
    }
}
