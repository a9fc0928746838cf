using StackExchange.Redis;
using Xunit;

namespace Governance.Testing;

/// <summary>
/// The real Redis that scripts/infra.sh starts (or <c>REDIS_CONFIGURATION</c>). Tests isolate
/// themselves with a unique key prefix, never by flushing the server.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public string Configuration { get; } = Environment.GetEnvironmentVariable("REDIS_CONFIGURATION") is { Length: > 0 } c ? c : "127.0.0.1:6379";

    public IConnectionMultiplexer Connection { get; private set; } = null!;

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
    }

    public static string UniquePrefix() => "test-" + Guid.NewGuid().ToString("N")[..12];

    public async Task DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }
    }
}
