using Governance.Testing;

namespace Governance.Signals.IntegrationTests;

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}
