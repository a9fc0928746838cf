using Governance.Testing;

namespace Governance.Alerting.IntegrationTests;

/// <summary>RabbitMQ and PostgreSQL for the alerting tests (one at a time: some cut connections and kill processes).</summary>
[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<RabbitMqServer>, ICollectionFixture<PostgresServer>
{
    public const string Name = "servers";
}
