using System.Text;
using Confluent.Kafka;
using Governance.Testing;

namespace Governance.LocalKafka.Tests;

public sealed class MockKafkaClusterTests : IDisposable
{
    private readonly MockKafkaCluster _cluster = MockKafkaCluster.Start(3);

    [Fact]
    public void ExposesOneBootstrapAddressPerBroker()
    {
        Assert.Equal(3, _cluster.BootstrapServers.Split(',').Length);
        Assert.All(_cluster.BootstrapServers.Split(','), a => Assert.StartsWith("127.0.0.1:", a, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreatedTopicCarriesRecordsEndToEnd()
    {
        _cluster.CreateTopic("roundtrip", 4);
        using var producer = KafkaTestClient.Producer(_cluster.BootstrapServers);
        for (var i = 0; i < 100; i++)
        {
            await producer.ProduceAsync("roundtrip", new Message<string, string> { Key = "k" + i, Value = "v" + i });
        }

        using var consumer = KafkaTestClient.Consumer(_cluster.BootstrapServers, "roundtrip");
        var read = KafkaTestClient.Read(consumer, 100, TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(0, 100).Select(i => "v" + i).Order(), read.Select(r => Encoding.UTF8.GetString(r.Message.Value)).Order());
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        Assert.Equal(4, admin.GetMetadata("roundtrip", TimeSpan.FromSeconds(10)).Topics[0].Partitions.Count);
    }

    [Fact]
    public async Task DownedLeaderBlocksDeliveryUntilItIsUp()
    {
        _cluster.CreateTopic("faulty", 1);
        _cluster.SetPartitionLeader("faulty", 0, 2);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            MessageTimeoutMs = 60_000,
        }).Build();
        await producer.ProduceAsync("faulty", new Message<string, string> { Key = "a", Value = "before" });

        _cluster.SetBrokerDown(2);
        var pending = producer.ProduceAsync("faulty", new Message<string, string> { Key = "a", Value = "during" });
        var finishedWhileDown = await Task.WhenAny(pending, Task.Delay(2_000)) == pending;
        _cluster.SetBrokerUp(2);
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(50));

        Assert.False(finishedWhileDown, "a record was acknowledged by a broker that is down");
        Assert.Equal(PersistenceStatus.Persisted, result.Status);
    }

    [Fact]
    public void ControlCommandsDriveTheCluster()
    {
        using var output = new StringWriter();
        var commands = new ControlCommands(_cluster, output);

        Assert.True(commands.Execute("down 3"));
        Assert.True(commands.Execute("up 3"));
        Assert.True(commands.Execute("topic extra:2"));
        Assert.True(commands.Execute("down 9"));
        Assert.True(commands.Execute("bogus"));
        Assert.False(commands.Execute("quit"));

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("broker 3 down", lines[0]);
        Assert.Equal("broker 3 up", lines[1]);
        Assert.Equal("topic extra created with 2 partitions", lines[2]);
        Assert.StartsWith("error: broker id must be 1..3", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("commands:", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void CreatingATopicOnADisposedClusterThrows()
    {
        var cluster = MockKafkaCluster.Start(1);
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("late", 1));
    }

    public void Dispose() => _cluster.Dispose();
}
