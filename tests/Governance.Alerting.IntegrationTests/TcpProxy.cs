using System.Net;
using System.Net.Sockets;

namespace Governance.Alerting.IntegrationTests;

/// <summary>
/// A TCP forwarder on a free loopback port. <see cref="Cut"/> drops every connection and refuses new
/// ones: to the service behind it the server is down, while the real server (shared with other
/// suites and engineers) keeps running. <see cref="Restore"/> accepts again.
/// </summary>
internal sealed class TcpProxy : IDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;

    public TcpProxy(int targetPort)
    {
        _target = new IPEndPoint(IPAddress.Loopback, targetPort);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public int Port { get; }

    public void Restore()
    {
        lock (_open)
        {
            if (_listener is not null)
            {
                return;
            }

            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _ = AcceptAsync(_listener);
        }
    }

    public void Cut()
    {
        lock (_open)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        Cut();
        _stop.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(_target);
            }
            catch (SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }

            lock (_open)
            {
                if (!ReferenceEquals(listener, _listener))
                {
                    inbound.Dispose();
                    outbound.Dispose();
                    return;
                }

                _open.Add(inbound);
                _open.Add(outbound);
            }

            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // the other side closed or the proxy was cut
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
