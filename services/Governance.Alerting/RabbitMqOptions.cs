namespace Governance.Alerting;

/// <summary>
/// RabbitMQ connection (section <c>RabbitMq</c>). Local default: guest/guest on localhost (RabbitMQ
/// allows it only over loopback). Elsewhere set <c>RabbitMq__Username</c> / <c>RabbitMq__Password</c>.
/// </summary>
public sealed class RabbitMqOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "RabbitMq";

    /// <summary>Host name.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>AMQP port.</summary>
    public ushort Port { get; set; } = 5672;

    /// <summary>Virtual host.</summary>
    public string VirtualHost { get; set; } = "/";

    /// <summary>User.</summary>
    public string Username { get; set; } = "guest";

    /// <summary>Password (from the environment outside local development).</summary>
    public string Password { get; set; } = "guest";

    /// <summary>Throws naming the missing setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host) || string.IsNullOrWhiteSpace(Username) || Port == 0)
        {
            throw new InvalidOperationException("RabbitMq: Host, Port and Username are required (env RabbitMq__Host, RabbitMq__Port, RabbitMq__Username, RabbitMq__Password).");
        }
    }
}
