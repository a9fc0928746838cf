using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Governance.Chaos;

/// <summary>
/// The suite's own redis-server (the Debian package's binary) with the persistence scripts/infra.sh
/// deploys: AOF, appendfsync always, no RDB snapshots. A private server, so a kill -9 disturbs no
/// one else's tests on the shared machine; restarted on the same data directory, as infra.sh would.
/// </summary>
public sealed class DurableRedis : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("governance-chaos-redis-").FullName;
    private readonly string[] _arguments;
    private Process? _process;

    /// <param name="arguments">More redis-server arguments (a cluster node's, for one).</param>
    public DurableRedis(params string[] arguments)
    {
        _arguments = arguments;
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Starts the server on the data directory and waits until it answers (after loading the AOF).</summary>
    public void Start()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server",
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory,
            "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--rdbcompression", "no", .. _arguments,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server could not start (apt-get install redis-server)");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!Loaded())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60) || _process.HasExited)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not come up");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>SIGKILL: no shutdown save, no flush beyond what appendfsync already did.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // PING answers LOADING while the AOF is replayed; only PONG means ready.
    private bool Loaded()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[64];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
