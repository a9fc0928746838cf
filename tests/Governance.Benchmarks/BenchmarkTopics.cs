using Governance.Contracts;
using Governance.LocalKafka;

namespace Governance.Benchmarks;

/// <summary>Fresh input, output and dead-letter topics for one measured run.</summary>
internal sealed record BenchmarkTopics(string Content, string Transactions, string Output, string DeadLetter)
{
    public static async Task<BenchmarkTopics> CreateAsync(string bootstrap, MockKafkaCluster? mock, string run, int partitions)
    {
        var topics = new BenchmarkTopics($"bench.{run}.content", $"bench.{run}.transactions", $"bench.{run}.events", $"bench.{run}.deadletter");
        await TopicAdmin.CreateAsync(bootstrap, mock, partitions, topics.Content, topics.Transactions, topics.Output, topics.DeadLetter);
        return topics;
    }

    public string InputFor(string contractTopic) => contractTopic == Topics.Content ? Content : Transactions;
}
