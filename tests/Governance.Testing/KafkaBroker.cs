using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Governance.Kafka;
using Governance.LocalKafka;
using Testcontainers.Kafka;
using Xunit;

namespace Governance.Testing;

/// <summary>
/// A Kafka-protocol broker for a test class or collection, chosen in this order:
/// <c>KAFKA_BOOTSTRAP_SERVERS</c> if set; Apache Kafka via Testcontainers when a Docker engine
/// answers; otherwise librdkafka's mock cluster (3 brokers) in this process. The choice is
/// appended to the file named by <c>GOVERNANCE_TEST_REPORT</c> so the test script can print it.
/// </summary>
public sealed class KafkaBroker : IAsyncLifetime
{
    private MockKafkaCluster? _mock;
    private KafkaContainer? _container;

    public KafkaBrokerMode Mode { get; private set; }

    public string BootstrapServers { get; private set; } = "";

    /// <summary>True when <see cref="TakeDownAsync"/> can inject a broker fault.</summary>
    public bool CanInjectFaults => Mode != KafkaBrokerMode.External;

    public async Task InitializeAsync()
    {
        KafkaNativeLibrary.EnsureLoaded();
        if (Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS") is { Length: > 0 } external)
        {
            Mode = KafkaBrokerMode.External;
            BootstrapServers = external;
        }
        else if (DockerEngine.Answers())
        {
            Mode = KafkaBrokerMode.Container;
            _container = new KafkaBuilder("apache/kafka:3.9.1").Build();
            await _container.StartAsync();
            BootstrapServers = _container.GetBootstrapAddress();
        }
        else
        {
            Mode = KafkaBrokerMode.MockCluster;
            _mock = MockKafkaCluster.Start(3);
            BootstrapServers = _mock.BootstrapServers;
        }

        Report();
    }

    /// <summary>A new topic with a unique name.</summary>
    public Task<string> CreateTopicAsync(string prefix, int partitions = 3) => CreateTopicNamedAsync($"{prefix}.{Guid.NewGuid():N}", partitions);

    /// <summary>Creates a topic with exactly this name.</summary>
    public async Task<string> CreateTopicNamedAsync(string name, int partitions = 3)
    {
        if (_mock is not null)
        {
            _mock.CreateTopic(name, partitions);
            return name;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = name, NumPartitions = partitions, ReplicationFactor = 1 }]);
        return name;
    }

    /// <summary>Takes one broker down (mock) or pauses the single broker (container).</summary>
    public async Task TakeDownAsync(int brokerId)
    {
        if (_mock is not null)
        {
            _mock.SetBrokerDown(brokerId);
        }
        else if (_container is not null)
        {
            await _container.PauseAsync();
        }
        else
        {
            throw new InvalidOperationException("An external cluster cannot be faulted by the tests.");
        }
    }

    /// <summary>Brings the broker back.</summary>
    public async Task BringUpAsync(int brokerId)
    {
        if (_mock is not null)
        {
            _mock.SetBrokerUp(brokerId);
        }
        else if (_container is not null)
        {
            await _container.UnpauseAsync();
        }
    }

    /// <summary>
    /// The broker answers the next requests of one Kafka API with these errors (mock only); false where
    /// it cannot be told to (a real broker).
    /// </summary>
    public bool FailNextRequests(short apiKey, params ErrorCode[] errors)
    {
        _mock?.PushRequestErrors(apiKey, [.. errors.Select(e => (int)e)]);
        return _mock is not null;
    }

    /// <summary>Moves a partition's leadership (mock only; a no-op elsewhere).</summary>
    public void SetLeader(string topic, int partition, int brokerId) => _mock?.SetPartitionLeader(topic, partition, brokerId);

    public async Task DisposeAsync()
    {
        _mock?.Dispose();
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    private void Report()
    {
        var line = $"kafka: {Mode switch
        {
            KafkaBrokerMode.External => "external cluster " + BootstrapServers,
            KafkaBrokerMode.Container => "Apache Kafka (Testcontainers)",
            _ => "librdkafka mock cluster (in-process, 3 brokers)",
        }}";
        if (Environment.GetEnvironmentVariable("GOVERNANCE_TEST_REPORT") is { Length: > 0 } path)
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
    }
}
