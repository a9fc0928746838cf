using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit;

namespace Governance.Testing;

/// <summary>
/// The real RabbitMQ that scripts/infra.sh starts (guest/guest on localhost, or RABBITMQ_HOST /
/// RABBITMQ_USER / RABBITMQ_PASSWORD). Outage tests stop and start its application with rabbitmqctl.
/// </summary>
public sealed class RabbitMqServer : IAsyncLifetime
{
    public string Host { get; } = Environment.GetEnvironmentVariable("RABBITMQ_HOST") is { Length: > 0 } h ? h : "127.0.0.1";

    public string User { get; } = Environment.GetEnvironmentVariable("RABBITMQ_USER") is { Length: > 0 } u ? u : "guest";

    public string Password { get; } = Environment.GetEnvironmentVariable("RABBITMQ_PASSWORD") is { Length: > 0 } p ? p : "guest";

    public ConnectionFactory Factory => new() { HostName = Host, UserName = User, Password = Password };

    /// <summary>A connection factory for one virtual host.</summary>
    public ConnectionFactory FactoryFor(string virtualHost) => new() { HostName = Host, UserName = User, Password = Password, VirtualHost = virtualHost };

    /// <summary>
    /// A new virtual host the test user may use: a broker of the test's own, where no other test's
    /// queue is bound (e.g. to see what happens to a message no queue takes).
    /// </summary>
    public string CreateVirtualHost()
    {
        var name = "test-" + Guid.NewGuid().ToString("N");
        Ctl("add_vhost", name);
        Ctl("set_permissions", "-p", name, User, ".*", ".*", ".*");
        return name;
    }

    /// <summary>Deletes a virtual host made by <see cref="CreateVirtualHost"/>, with everything in it.</summary>
    public static void DeleteVirtualHost(string name) => Ctl("delete_vhost", name);

    public async Task InitializeAsync()
    {
        try
        {
            await using var connection = await Factory.CreateConnectionAsync();
        }
        catch (BrokerUnreachableException ex)
        {
            throw new InvalidOperationException($"RabbitMQ does not answer at {Host}:5672: start it with scripts/infra.sh up.", ex);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Stops (false) or starts (true) the RabbitMQ application; the Erlang node stays up.</summary>
    public static void SetRunning(bool running) => Ctl(running ? "start_app" : "stop_app");

    private static void Ctl(params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("rabbitmqctl", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("rabbitmqctl could not start");
        process.WaitForExit(60_000);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed: {process.StandardError.ReadToEnd()}");
        }
    }
}
