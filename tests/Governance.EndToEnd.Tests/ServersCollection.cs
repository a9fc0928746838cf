using Governance.Alerting.IntegrationTests;
using Governance.Testing;

namespace Governance.EndToEnd.Tests;

/// <summary>Kafka, Redis, RabbitMQ and PostgreSQL: every server the three services use.</summary>
[CollectionDefinition(Name)]
public sealed class ServersCollection :
    ICollectionFixture<KafkaBroker>, ICollectionFixture<RedisServer>, ICollectionFixture<RabbitMqServer>, ICollectionFixture<PostgresServer>
{
    public const string Name = "servers";
}
