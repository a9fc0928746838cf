using StackExchange.Redis;
using Xunit;

namespace Governance.Testing;

/// <summary>
/// The real Redis that scripts/infra.sh starts, or whatever <c>REDIS_CONFIGURATION</c> names: a single
/// node or a Redis Cluster (scripts/test.sh runs the tests marked <c>[Trait("Redis", "shared")]</c> against
/// both). Tests isolate themselves with a unique key prefix, never by flushing the server.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public string Configuration { get; } = Environment.GetEnvironmentVariable("REDIS_CONFIGURATION") is { Length: > 0 } c ? c : "127.0.0.1:6379";

    public IConnectionMultiplexer Connection { get; private set; } = null!;

    /// <summary>The servers that hold keys: every master of a cluster, or the single node.</summary>
    public IReadOnlyList<IServer> Primaries => [.. Connection.GetServers().Where(s => !s.IsReplica)];

    public bool IsCluster => Connection.GetServers().Any(s => s.ServerType == ServerType.Cluster);

    public async Task InitializeAsync()
    {
        try
        {
            Connection = await ConnectionMultiplexer.ConnectAsync(Configuration + ",abortConnect=true,connectTimeout=5000");
        }
        catch (RedisConnectionException ex)
        {
            throw new InvalidOperationException($"Redis does not answer at {Configuration}: start it with scripts/infra.sh up (or set REDIS_CONFIGURATION).", ex);
        }

        if (Environment.GetEnvironmentVariable("GOVERNANCE_TEST_REPORT") is { Length: > 0 } path)
        {
            var shape = IsCluster ? $"cluster of {Primaries.Count} masters" : "single node";
            await File.AppendAllTextAsync(path, $"redis: {shape} at {Configuration}{Environment.NewLine}");
        }
    }

    public static string UniquePrefix() => "test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Keys matching <paramref name="pattern"/> on every master (a cluster spreads them).</summary>
    public IEnumerable<RedisKey> Keys(string pattern) => Primaries.SelectMany(s => s.Keys(pattern: pattern));

    public async Task DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }
    }
}
