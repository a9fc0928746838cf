using Governance.Testing;

namespace Governance.Chaos;

/// <summary>What every run of a suite shares: servers, built services, where logs go, the pace.</summary>
public sealed record ChaosContext(
    KafkaBroker Kafka,
    DurableRedis Redis,
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
