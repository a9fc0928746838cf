using Governance.Contracts;

namespace Governance.Chaos;

/// <summary>
/// How a run configures the services: as deployed (default batch sizes), on the run's own topics,
/// consumer groups, Redis key prefix (and, set by the run, RabbitMQ virtual host).
/// </summary>
internal static class ServiceEnvironment
{
    /// <summary>Ingestion's record limit in the runs, low so that the stream's too_large records stay small; the backtest reads with the same.</summary>
    public const string MaxRecordBytes = "16384";

    public static Dictionary<string, string> Ingestion(ChaosContext context, string run, Dictionary<string, string> topics) => new()
    {
        ["Kafka__BootstrapServers"] = context.Kafka.BootstrapServers,
        ["Ingestion__GroupId"] = "chaos-ingestion-" + run,
        ["Ingestion__ContentTopic"] = topics[Topics.Content],
        ["Ingestion__TransactionsTopic"] = topics[Topics.Transactions],
        ["Ingestion__OutputTopic"] = topics[Topics.Events],
        ["Ingestion__DeadLetterTopic"] = topics[Topics.DeadLetter],
        ["Ingestion__Limits__MaxRecordBytes"] = MaxRecordBytes,
        // A killed member holds its partitions until its session expires: keep that short.
        ["Kafka__Consumer__session.timeout.ms"] = "6000",
        ["Kafka__Consumer__heartbeat.interval.ms"] = "500",
        ["Urls"] = "http://127.0.0.1:0",
    };

    public static Dictionary<string, string> Signals(ChaosContext context, string run, Dictionary<string, string> topics, string redis) => new()
    {
        ["Kafka__BootstrapServers"] = context.Kafka.BootstrapServers,
        ["Signals__GroupId"] = "chaos-signals-" + run,
        ["Signals__InputTopic"] = topics[Topics.Events],
        ["Signals__DeadLetterTopic"] = topics[Topics.DeadLetter],
        ["Signals__RulesPath"] = context.RulesPath,
        ["Signals__MaxRetryBackoff"] = "00:00:02",
        ["Redis__Configuration"] = redis,
        ["Redis__KeyPrefix"] = "chaos-" + run,
        ["RabbitMq__Host"] = context.Rabbit.Host,
        ["RabbitMq__Username"] = context.Rabbit.User,
        ["RabbitMq__Password"] = context.Rabbit.Password,
        ["Kafka__Consumer__session.timeout.ms"] = "6000",
        ["Kafka__Consumer__heartbeat.interval.ms"] = "500",
        ["Urls"] = "http://127.0.0.1:0",
    };

    /// <summary>The alerting service on the run's virtual host (set by the run) and its own PostgreSQL schema.</summary>
    public static Dictionary<string, string> Alerting(ChaosContext context, string schema) => new()
    {
        ["RabbitMq__Host"] = context.Rabbit.Host,
        ["RabbitMq__Username"] = context.Rabbit.User,
        ["RabbitMq__Password"] = context.Rabbit.Password,
        ["Alerting__PolicyPath"] = Path.Combine(context.RulesPath, "policy", "escalation.yaml"),
        ["Alerting__Database__Schema"] = schema,
        ["Alerting__Database__ConnectionString"] = AlertingDatabase.ServiceConnectionString,
        ["Alerting__Database__MigrationConnectionString"] = AlertingDatabase.OwnerConnectionString,
        ["Alerting__MaxRetryBackoff"] = "00:00:02",
        ["Urls"] = "http://127.0.0.1:0",
    };
}
