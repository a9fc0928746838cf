using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Governance.Testing;

/// <summary>
/// A redis-server of the test's own (the Debian package's binary) on a free port, so a test can stop
/// and restart it mid-stream without disturbing others. Stopping saves the data, as a real restart does.
/// </summary>
public sealed class RedisProcess : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("governance-redis-").FullName;
    private Process? _process;

    public RedisProcess()
    {
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public void Start()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server", ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory, "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server could not start (apt-get install redis-server)");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var clock = Stopwatch.StartNew();
        while (!Answers() && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(50);
        }
    }

    /// <summary>SHUTDOWN SAVE: the server goes away, its data is kept for the next start.</summary>
    public void Stop()
    {
        using (var cli = Process.Start(new ProcessStartInfo("redis-cli", ["-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "shutdown", "save"]) { RedirectStandardOutput = true }))
        {
            cli?.WaitForExit(10_000);
        }

        _process?.WaitForExit(10_000);
    }

    public void Dispose()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill();
            }
        }
        finally
        {
            _process?.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
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
