using System.Globalization;
using StackExchange.Redis;

namespace Governance.Benchmarks;

/// <summary>
/// Server figures (CPU, memory) and the keys of one prefix: their memory by kind, and deleting them.
/// StackExchange.Redis counts INFO as an admin command, so this connection has admin mode; it only reads
/// INFO and deletes the benchmark's own keys (the server is shared with tests: never a flush).
/// </summary>
internal sealed class RedisStats(IConnectionMultiplexer redis)
{
    private IServer Server => redis.GetServers()[0];

    /// <summary>CPU, forks and command statistics so far.</summary>
    public async Task<RedisSnapshot> SnapshotAsync()
    {
        var cpu = await InfoAsync("cpu");
        var stats = await InfoAsync("stats");
        var commands = new Dictionary<string, (long Calls, double Micros)>(StringComparer.Ordinal);
        foreach (var (name, value) in await InfoAsync("commandstats"))
        {
            // cmdstat_hincrbyfloat → calls=852738,usec=654515,usec_per_call=0.77,...
            var fields = value.Split(',').Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
            commands[name.Replace("cmdstat_", "", StringComparison.Ordinal)] = (long.Parse(fields["calls"], CultureInfo.InvariantCulture), double.Parse(fields["usec"], CultureInfo.InvariantCulture));
        }

        return new RedisSnapshot(
            TimeSpan.FromSeconds(Number(cpu, "used_cpu_user") + Number(cpu, "used_cpu_sys")),
            (long)Number(stats, "total_forks"),
            commands);
    }

    /// <summary><c>used_memory</c> in bytes.</summary>
    public async Task<long> UsedMemoryAsync() => (long)Number(await InfoAsync("memory"), "used_memory");

    /// <summary>Keys and <c>MEMORY USAGE</c> bytes under <paramref name="prefix"/>, by kind (the part after the creator tag).</summary>
    public async Task<IReadOnlyDictionary<string, (long Keys, long Bytes)>> UsageByKindAsync(string prefix)
    {
        var db = redis.GetDatabase();
        var usage = new Dictionary<string, (long Keys, long Bytes)>(StringComparer.Ordinal);
        foreach (var chunk in Server.Keys(pattern: prefix + ":*", pageSize: 1000).Chunk(5_000))
        {
            var sizes = await Task.WhenAll(chunk.Select(k => db.ExecuteAsync("MEMORY", "USAGE", k)));
            for (var i = 0; i < chunk.Length; i++)
            {
                var kind = Kind((string)chunk[i]!);
                var (keys, bytes) = usage.GetValueOrDefault(kind);
                usage[kind] = (keys + 1, bytes + (sizes[i].IsNull ? 0 : (long)sizes[i]));
            }
        }

        return usage;
    }

    /// <summary>Deletes every key under <paramref name="prefix"/> (SCAN + DEL; never a flush: the server is shared).</summary>
    public async Task<long> DeleteAsync(string prefix)
    {
        var db = redis.GetDatabase();
        long deleted = 0;
        foreach (var chunk in Server.Keys(pattern: prefix + ":*", pageSize: 1000).Chunk(1_000))
        {
            deleted += await db.KeyDeleteAsync(chunk);
        }

        return deleted;
    }

    // {prefix}:{creator}:w (the creator's window hash) → "w"; {prefix}:epoch → "epoch".
    private static string Kind(string key)
    {
        var tag = key.IndexOf("}:", StringComparison.Ordinal);
        if (tag < 0)
        {
            return key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(':')[0];
        }

        var rest = key[(tag + 2)..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? rest : rest[..colon];
    }

    private async Task<IReadOnlyDictionary<string, string>> InfoAsync(string section) =>
        (await Server.InfoAsync(section)).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static double Number(IReadOnlyDictionary<string, string> info, string field) => double.Parse(info[field], NumberStyles.Float, CultureInfo.InvariantCulture);
}
