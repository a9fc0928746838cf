using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Governance.LocalKafka;

namespace Governance.Benchmarks;

/// <summary>Creates topics on the mock cluster, or with the admin API on a real broker.</summary>
internal static class TopicAdmin
{
    public static async Task CreateAsync(string bootstrap, MockKafkaCluster? mock, int partitions, params string[] names)
    {
        if (mock is not null)
        {
            foreach (var name in names)
            {
                mock.CreateTopic(name, partitions);
            }

            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        await admin.CreateTopicsAsync(names.Select(n => new TopicSpecification { Name = n, NumPartitions = partitions, ReplicationFactor = 1 }));
    }
}
