using System.ComponentModel.DataAnnotations;
using Governance.Configuration;

namespace Governance.Hosting;

/// <summary>
/// RabbitMQ connection of a service (section <c>RabbitMq</c>), checked at start by <see cref="RabbitMqOptionsValidator"/>.
/// Local default: guest/guest on localhost (RabbitMQ allows it only over loopback). Elsewhere set
/// <c>RabbitMq__Username</c> / <c>RabbitMq__Password</c>:
/// <code>
/// "RabbitMq": { "Host": "127.0.0.1", "Port": 5672, "VirtualHost": "/", "Username": "governance-alerting" }
/// </code>
/// </summary>
public sealed class RabbitMqOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "RabbitMq";

    /// <summary>Host name.</summary>
    [Required(ErrorMessage = "RabbitMq:Host must not be empty (env RabbitMq__Host).")]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>AMQP port.</summary>
    public ushort Port { get; set; } = 5672;

    /// <summary>Virtual host.</summary>
    public string VirtualHost { get; set; } = "/";

    /// <summary>User.</summary>
    [Required(ErrorMessage = "RabbitMq:Username must not be empty (env RabbitMq__Username, with RabbitMq__Password).")]
    public string Username { get; set; } = "guest";

    /// <summary>Password (from the environment outside local development).</summary>
    public string Password { get; set; } = "guest";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Not [Range]: the options validation generator's [Range] drops ErrorMessage (dotnet/runtime#123137).
        if (Port == 0)
        {
            yield return OptionsProblem.Invalid(SectionName, nameof(Port), $"must be within 1..65535 (env RabbitMq__Port)");
        }
    }
}
