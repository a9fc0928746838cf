using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Governance.LocalKafka;

namespace Governance.Benchmarks;

/// <summary>Fresh input, output and dead-letter topics for one measured run.</summary>
internal sealed record BenchmarkTopics(string Content, string Transactions, string Output, string DeadLetter)
{
    public static async Task<BenchmarkTopics> CreateAsync(string bootstrap, MockKafkaCluster? mock, string run, int partitions)
    {
        var topics = new BenchmarkTopics($"bench.{run}.content", $"bench.{run}.transactions", $"bench.{run}.events", $"bench.{run}.deadletter");
        string[] names = [topics.Content, topics.Transactions, topics.Output, topics.DeadLetter];
        if (mock is not null)
        {
            foreach (var name in names)
            {
                mock.CreateTopic(name, partitions);
            }
        }
        else
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
            await admin.CreateTopicsAsync(names.Select(n => new TopicSpecification { Name = n, NumPartitions = partitions, ReplicationFactor = 1 }));
        }

        return topics;
    }

    public string InputFor(string contractTopic) => contractTopic == Contracts.Topics.Content ? Content : Transactions;
}
