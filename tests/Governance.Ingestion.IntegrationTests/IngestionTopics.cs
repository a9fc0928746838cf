using Confluent.Kafka;
using Governance.Contracts;
using Governance.SampleData;
using Governance.Testing;

namespace Governance.Ingestion.IntegrationTests;

/// <summary>A fresh set of the four ingestion topics for one test.</summary>
internal sealed record IngestionTopics(string Content, string Transactions, string Events, string DeadLetter)
{
    public static async Task<IngestionTopics> CreateAsync(KafkaBroker broker, int partitions = 3) => new(
        await broker.CreateTopicAsync("content", partitions),
        await broker.CreateTopicAsync("transactions", partitions),
        await broker.CreateTopicAsync("events", partitions),
        await broker.CreateTopicAsync("deadletter", partitions));

    /// <summary>Produces the events to their input topics and waits for the acknowledgements.</summary>
    public async Task ProduceAsync(string bootstrap, IEnumerable<RawEvent> events)
    {
        using var producer = KafkaTestClient.Producer(bootstrap);
        foreach (var e in events)
        {
            producer.Produce(InputFor(e.Topic), new Message<string, string> { Key = e.Key, Value = e.Value });
        }

        await Task.Run(() => producer.Flush(TimeSpan.FromSeconds(30)));
    }

    public string InputFor(string contractTopic) =>
        contractTopic == Topics.Content ? Content : Transactions;

    public IngestionOptions Options(string groupId) => new()
    {
        GroupId = groupId,
        ContentTopic = Content,
        TransactionsTopic = Transactions,
        OutputTopic = Events,
        DeadLetterTopic = DeadLetter,
        BatchSize = 500,
        BatchMaxWait = TimeSpan.FromMilliseconds(50),
        RetryBackoff = TimeSpan.FromMilliseconds(200),
        MaxRetryBackoff = TimeSpan.FromSeconds(2),
    };

    public Dictionary<string, string> Environment(string bootstrap, string groupId) => new()
    {
        ["Kafka__BootstrapServers"] = bootstrap,
        ["Ingestion__GroupId"] = groupId,
        ["Ingestion__ContentTopic"] = Content,
        ["Ingestion__TransactionsTopic"] = Transactions,
        ["Ingestion__OutputTopic"] = Events,
        ["Ingestion__DeadLetterTopic"] = DeadLetter,
        ["Ingestion__BatchSize"] = "500",
        ["Ingestion__BatchMaxWait"] = "00:00:00.050",
        ["Ingestion__Limits__MaxRecordBytes"] = "16384",
        ["Urls"] = "http://127.0.0.1:0",
        ["Logging__LogLevel__Default"] = "Information",
    };
}
