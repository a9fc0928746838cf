using CsCheck;
using Governance.Redis;
using Governance.Testing;

namespace Governance.Signals.IntegrationTests;

/// <summary>
/// The held-state store against the exact oracle on generated streams; CsCheck shrinks a failing
/// stream to a short one and prints its seed. The seed is fixed so every run starts from the same case.
/// </summary>
[Collection(RedisCollection.Name)]
[Trait("Redis", "shared")]
public sealed class HeldWindowStoreOracleTests(RedisServer redis)
{
    private const string Seed = "dGpS2S-f-WU1";

    [Fact]
    public async Task InMemoryTheHeldStoreAgreesWithTheExactOracle() =>
        await WindowStream.Gen.SampleAsync(
            async stream =>
            {
                using var store = HeldWindowStore.InMemory(WindowOracle.Options);
                await WindowOracle.AssertMatchesAsync(store, stream);
            },
            seed: Seed,
            iter: 500,
            threads: 1);

    [Fact]
    public async Task OverRedisTheHeldStoreAgreesWithTheExactOracle() =>
        await WindowStream.Gen.SampleAsync(
            async stream =>
            {
                using var store = new HeldWindowStore(redis.Connection, new RedisOptions { KeyPrefix = RedisServer.UniquePrefix() }, WindowOracle.Options);
                await WindowOracle.AssertMatchesAsync(store, stream);
            },
            seed: Seed,
            iter: 100,
            threads: 1);
}
