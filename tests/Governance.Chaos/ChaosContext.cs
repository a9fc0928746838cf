using Governance.Testing;

namespace Governance.Chaos;

/// <summary>What every run of a suite shares: servers, built services, where logs go, the pace.</summary>
/// <param name="RedisCluster">The suite's Redis Cluster, when a fault needs one or every run uses it.</param>
/// <param name="AllOnCluster">Every run's worker uses the cluster (<c>--redis-cluster</c>), not only the cluster faults'.</param>
public sealed record ChaosContext(
    KafkaBroker Kafka,
    DurableRedis Redis,
    DurableRedisCluster? RedisCluster,
    bool AllOnCluster,
    RabbitMqServer Rabbit,
    string IngestionDll,
    string SignalsDll,
    string AlertingDll,
    string CliDll,
    string RulesPath,
    string OutputDirectory,
    int RecordsPerSecond,
    TimeSpan SettleTimeout,
    bool PinEpoch,
    TextWriter Log);
