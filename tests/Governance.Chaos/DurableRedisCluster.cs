using System.Diagnostics;
using System.Globalization;

namespace Governance.Chaos;

/// <summary>
/// The suite's own Redis Cluster: three masters without replicas (as <c>scripts/infra.sh up
/// --redis-cluster</c> starts), each a <see cref="DurableRedis"/> with the deployed persistence. Slots
/// can be moved between masters while the worker runs, and a master killed and restarted on its AOF.
/// </summary>
public sealed class DurableRedisCluster : IDisposable
{
    // A master away for longer than this is marked failed, and with full coverage required the
    // cluster refuses every command: a whole-cluster outage, as a real one would be without replicas.
    public static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(5);

    private readonly List<DurableRedis> _masters = [];

    public DurableRedisCluster()
    {
        try
        {
            for (var i = 0; i < 3; i++)
            {
                _masters.Add(new DurableRedis(
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", ((int)NodeTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)));
            }

            Cli(["--cluster", "create", .. _masters.Select(m => m.Configuration), "--cluster-replicas", "0", "--cluster-yes"]);
            WaitUntilOk();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Every master, as StackExchange.Redis takes a cluster.</summary>
    public string Configuration => string.Join(',', _masters.Select(m => m.Configuration));

    public int Masters => _masters.Count;

    /// <summary>
    /// Moves <paramref name="slots"/> hash slots, keys included (MIGRATE), from one master to another
    /// with <c>redis-cli --cluster reshard</c>; clients meanwhile get MOVED and ASK redirections.
    /// </summary>
    public void Reshard(int from, int to, int slots) =>
        Cli(["--cluster", "reshard", _masters[from].Configuration, "--cluster-from", NodeId(from), "--cluster-to", NodeId(to),
            "--cluster-slots", slots.ToString(CultureInfo.InvariantCulture), "--cluster-yes"]);

    /// <summary>How many hash slots the master serves (a reshard can leave one with none).</summary>
    public int Slots(int master) =>
        Cli(["-p", _masters[master].Port.ToString(CultureInfo.InvariantCulture), "cluster", "nodes"])
            .Split('\n')
            .Where(line => line.Contains("myself", StringComparison.Ordinal))
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(8))
            .Where(range => !range.StartsWith('['))
            .Sum(range => range.Split('-') is [var first, var last] ? int.Parse(last, CultureInfo.InvariantCulture) - int.Parse(first, CultureInfo.InvariantCulture) + 1 : 1);

    /// <summary>kill -9 of one master: no shutdown save, nothing beyond what appendfsync already wrote.</summary>
    public void Kill(int master) => _masters[master].Kill();

    /// <summary>Starts killed masters on their data (AOF and nodes.conf) and waits until the cluster is whole again.</summary>
    public void Start(params int[] masters)
    {
        foreach (var master in masters)
        {
            _masters[master].Start();
        }

        WaitUntilOk();
    }

    public void Dispose()
    {
        foreach (var master in _masters)
        {
            master.Dispose();
        }
    }

    private string NodeId(int master) => Cli(["-p", _masters[master].Port.ToString(CultureInfo.InvariantCulture), "cluster", "myid"]).Trim();

    private void WaitUntilOk()
    {
        var clock = Stopwatch.StartNew();
        while (!_masters.All(m => Cli(["-p", m.Port.ToString(CultureInfo.InvariantCulture), "cluster", "info"]).Contains("cluster_state:ok", StringComparison.Ordinal)))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"the chaos Redis Cluster ({Configuration}) is not ok after 60 s");
            }

            Thread.Sleep(200);
        }
    }

    private static string Cli(IReadOnlyList<string> arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("redis-cli", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-cli could not start (apt-get install redis-tools)");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli {string.Join(' ', arguments)} failed: {output}{error.Result}");
        }

        return output;
    }
}
