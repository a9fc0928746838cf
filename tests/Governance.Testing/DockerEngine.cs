using System.Net.Sockets;

namespace Governance.Testing;

/// <summary>Whether a Docker engine answers here (the client alone is not enough).</summary>
public static class DockerEngine
{
    public static bool Answers()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socketPath = host is { } h && h.StartsWith("unix://", StringComparison.Ordinal) ? h["unix://".Length..] : "/var/run/docker.sock";
        if (host is { Length: > 0 } && !host.StartsWith("unix://", StringComparison.Ordinal))
        {
            return true; // tcp:// engines: let Testcontainers try.
        }

        if (!File.Exists(socketPath))
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
