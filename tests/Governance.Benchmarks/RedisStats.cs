using System.Globalization;
using StackExchange.Redis;

namespace Governance.Benchmarks;

/// <summary>
/// Server figures (CPU, memory) and the keys of one prefix: their memory by kind, and deleting them.
/// StackExchange.Redis counts INFO as an admin command, so this connection has admin mode; it only reads
/// INFO and deletes the benchmark's own keys (the server is shared with tests: never a flush).
/// On a Redis Cluster every figure is the sum over its masters.
/// </summary>
internal sealed class RedisStats(IConnectionMultiplexer redis)
{
    private IEnumerable<IServer> Servers => redis.GetServers().Where(s => !s.IsReplica);

    /// <summary>CPU, forks and command statistics so far.</summary>
    public async Task<RedisSnapshot> SnapshotAsync()
    {
        var cpu = TimeSpan.Zero;
        long forks = 0;
        var commands = new Dictionary<string, (long Calls, double Micros)>(StringComparer.Ordinal);
        foreach (var server in Servers)
        {
            var info = await InfoAsync(server, "cpu");
            cpu += TimeSpan.FromSeconds(Number(info, "used_cpu_user") + Number(info, "used_cpu_sys"));
            forks += (long)Number(await InfoAsync(server, "stats"), "total_forks");
            foreach (var (name, value) in await InfoAsync(server, "commandstats"))
            {
                // cmdstat_hincrbyfloat → calls=852738,usec=654515,usec_per_call=0.77,...
                var fields = value.Split(',').Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
                var command = name.Replace("cmdstat_", "", StringComparison.Ordinal);
                var (calls, micros) = commands.GetValueOrDefault(command);
                commands[command] = (calls + long.Parse(fields["calls"], CultureInfo.InvariantCulture), micros + double.Parse(fields["usec"], CultureInfo.InvariantCulture));
            }
        }

        return new RedisSnapshot(cpu, forks, commands);
    }

    /// <summary>Whether a master is forked for persistence now (an AOF rewrite or an RDB snapshot).</summary>
    public async Task<bool> ForkingAsync()
    {
        foreach (var server in Servers)
        {
            var info = await InfoAsync(server, "persistence");
            if (info.GetValueOrDefault("aof_rewrite_in_progress") == "1" || info.GetValueOrDefault("rdb_bgsave_in_progress") == "1")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>used_memory</c> in bytes.</summary>
    public async Task<long> UsedMemoryAsync()
    {
        long used = 0;
        foreach (var server in Servers)
        {
            used += (long)Number(await InfoAsync(server, "memory"), "used_memory");
        }

        return used;
    }

    /// <summary>Keys and <c>MEMORY USAGE</c> bytes under <paramref name="prefix"/>, by kind (the part after the creator tag).</summary>
    public async Task<IReadOnlyDictionary<string, (long Keys, long Bytes)>> UsageByKindAsync(string prefix)
    {
        var db = redis.GetDatabase();
        var usage = new Dictionary<string, (long Keys, long Bytes)>(StringComparer.Ordinal);
        foreach (var chunk in Keys(prefix).Chunk(5_000))
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
        foreach (var chunk in Keys(prefix).Chunk(1_000))
        {
            // One DEL per key: a cluster refuses a DEL whose keys are in different slots.
            deleted += (await Task.WhenAll(chunk.Select(k => db.KeyDeleteAsync(k)))).Count(d => d);
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

    private IEnumerable<RedisKey> Keys(string prefix) => Servers.SelectMany(s => s.Keys(pattern: prefix + ":*", pageSize: 1000));

    private static async Task<IReadOnlyDictionary<string, string>> InfoAsync(IServer server, string section) =>
        (await server.InfoAsync(section)).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static double Number(IReadOnlyDictionary<string, string> info, string field) => double.Parse(info[field], NumberStyles.Float, CultureInfo.InvariantCulture);
}
