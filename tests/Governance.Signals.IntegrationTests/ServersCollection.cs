using Governance.Testing;

namespace Governance.Signals.IntegrationTests;

/// <summary>Kafka, Redis and RabbitMQ for the worker tests (run one at a time: some stop servers).</summary>
[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<KafkaBroker>, ICollectionFixture<RedisServer>, ICollectionFixture<RabbitMqServer>
{
    public const string Name = "servers";
}
