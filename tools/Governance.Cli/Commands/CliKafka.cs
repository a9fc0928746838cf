using System.Diagnostics.CodeAnalysis;
using Confluent.Kafka;
using Governance.Kafka;
using Microsoft.Extensions.Configuration;

namespace Governance.Cli.Commands;

/// <summary>
/// The Kafka settings of the command line's clients: the services' own (<see cref="KafkaSettings"/>, section
/// <c>Kafka</c>) read from the environment, so <c>Kafka__Client__security.protocol</c>,
/// <c>Kafka__Client__sasl.*</c>, <c>Kafka__Consumer__*</c> and <c>Kafka__Producer__*</c> reach the CLI's
/// clients as they reach the services'. <c>--bootstrap</c> wins over <c>Kafka__BootstrapServers</c>, which
/// wins over <c>KAFKA_BOOTSTRAP_SERVERS</c>.
/// </summary>
internal static class CliKafka
{
    /// <summary>What the CLI says when it has no broker to talk to.</summary>
    public const string NoBootstrap = "No Kafka: pass --bootstrap host:port or set Kafka__BootstrapServers or KAFKA_BOOTSTRAP_SERVERS.";

    /// <param name="bootstrap">The command's <c>--bootstrap</c>, if given.</param>
    /// <param name="configuration">Where the settings come from; the process environment when null.</param>
    public static KafkaSettings Settings(string? bootstrap, IConfiguration? configuration = null)
    {
        configuration ??= new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var settings = configuration.GetSection(KafkaSettings.SectionName).Get<KafkaSettings>() ?? new KafkaSettings();
        if (!string.IsNullOrWhiteSpace(bootstrap))
        {
            settings.BootstrapServers = bootstrap;
        }

        // Static membership belongs to a service instance (its pod name); a CLI run is none.
        settings.InstanceId = null;
        return settings;
    }

    /// <summary>
    /// Builds a client; a configuration librdkafka refuses (an unknown property, a bad value) is one line on
    /// stderr that names it, instead of a stack trace.
    /// </summary>
    public static bool TryBuild<T>(Func<T> build, [NotNullWhen(true)] out T? client)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(build);
        try
        {
            client = build();
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or KafkaException or InvalidOperationException)
        {
            Console.Error.WriteLine(ConfigurationProblem(ex));
            client = null;
            return false;
        }
    }

    /// <summary>A client librdkafka refused to build, in one line.</summary>
    public static string ConfigurationProblem(Exception refused) =>
        $"Kafka client configuration (Kafka__Client__*, Kafka__Producer__*, Kafka__Consumer__*): {refused.Message}";
}
