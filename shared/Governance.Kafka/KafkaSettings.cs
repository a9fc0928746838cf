using System.ComponentModel.DataAnnotations;
using Confluent.Kafka;

namespace Governance.Kafka;

/// <summary>
/// Connection settings shared by every Kafka client of a service, bound from the <c>Kafka</c> section:
/// <code>
/// "Kafka": {
///   "BootstrapServers": "127.0.0.1:9092",
///   "Client": { "security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN" },
///   "Consumer": { "session.timeout.ms": "45000" },
///   "Producer": { "linger.ms": "5" }
/// }
/// </code>
/// Secrets (e.g. <c>Kafka__Client__sasl.password</c>) come from the environment, never from files in the repository.
/// <c>InstanceId</c> (e.g. the pod name of a StatefulSet) gives consumers static membership.
/// When <c>BootstrapServers</c> is empty, the <c>KAFKA_BOOTSTRAP_SERVERS</c> environment variable is used.
/// Checked at start by <see cref="KafkaSettingsValidator"/>.
/// </summary>
public sealed class KafkaSettings : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Kafka";

    private const string MissingBootstrapServers =
        "Kafka:BootstrapServers is not set: set it (env Kafka__BootstrapServers) or KAFKA_BOOTSTRAP_SERVERS to a host:port list.";

    /// <summary>Comma-separated <c>host:port</c> list.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>
    /// This instance's stable name in its consumer groups (<c>group.instance.id</c>): a restarted
    /// instance with the same name takes its partitions back at once, without a rebalance, if it comes
    /// back within <c>session.timeout.ms</c>. Must be unique per running instance; unset by default.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>Extra librdkafka properties applied to every client (security, timeouts ...).</summary>
    public Dictionary<string, string> Client { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Extra librdkafka properties for consumers only (they override the service's defaults).</summary>
    public Dictionary<string, string> Consumer { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Extra librdkafka properties for producers only (they override the service's defaults).</summary>
    public Dictionary<string, string> Producer { get; init; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Not [Required]: the environment variable may stand in for the setting.
        if (string.IsNullOrWhiteSpace(ResolveBootstrapServers()))
        {
            yield return new(MissingBootstrapServers, [nameof(BootstrapServers)]);
        }
    }

    /// <summary>The configured bootstrap list, else <c>KAFKA_BOOTSTRAP_SERVERS</c>.</summary>
    public string? ResolveBootstrapServers() =>
        string.IsNullOrWhiteSpace(BootstrapServers) ? Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS") : BootstrapServers;

    /// <summary>Copies the connection settings onto a client configuration.</summary>
    public T Apply<T>(T config)
        where T : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        var bootstrap = ResolveBootstrapServers();
        config.BootstrapServers = string.IsNullOrWhiteSpace(bootstrap) ? throw new InvalidOperationException(MissingBootstrapServers) : bootstrap;
        var specific = config switch
        {
            ConsumerConfig => Consumer,
            ProducerConfig => Producer,
            _ => [],
        };
        if (config is ConsumerConfig consumer)
        {
            // Statistics feed the consumer-lag gauge and the health checks.
            consumer.StatisticsIntervalMs ??= 5000;
            if (!string.IsNullOrWhiteSpace(InstanceId))
            {
                consumer.GroupInstanceId = InstanceId;
            }
        }

        foreach (var (key, value) in Client.Concat(specific))
        {
            config.Set(key, value);
        }

        return config;
    }
}
