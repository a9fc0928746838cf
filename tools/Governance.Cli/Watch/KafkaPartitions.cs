using Confluent.Kafka;

namespace Governance.Cli.Watch;

/// <summary>The partitions of some topics, from the cluster's metadata.</summary>
internal static class KafkaPartitions
{
    public static List<TopicPartition> Of(IAdminClient admin, IEnumerable<string> topics)
    {
        var partitions = new List<TopicPartition>();
        foreach (var topic in topics)
        {
            var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single(t => t.Topic == topic);
            if (metadata.Error.IsError || metadata.Partitions.Count == 0)
            {
                throw new KafkaException(metadata.Error.IsError ? metadata.Error : new Error(ErrorCode.UnknownTopicOrPart, $"topic {topic} has no partitions"));
            }

            partitions.AddRange(metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)));
        }

        return partitions;
    }
}
