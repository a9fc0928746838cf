using Governance.Testing;

namespace Governance.Ingestion.IntegrationTests;

[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaBroker>
{
    public const string Name = "kafka";
}
