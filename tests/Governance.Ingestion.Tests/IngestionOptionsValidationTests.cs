using Governance.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Ingestion.Tests;

public sealed class IngestionOptionsValidationTests
{
    [Fact]
    public void TheDefaultSettingsPass()
    {
        Assert.True(new IngestionOptionsValidator().Validate(null, new IngestionOptions()).Succeeded);
        Assert.True(new KafkaSettingsValidator().Validate(null, new KafkaSettings { BootstrapServers = "127.0.0.1:9092" }).Succeeded);
    }

    [Fact]
    public void EveryBadSettingIsNamedInOneFailure()
    {
        var options = new IngestionOptions
        {
            BatchSize = 0,
            OutputTopic = " ",
            RetryBackoff = TimeSpan.FromSeconds(5),
            MaxRetryBackoff = TimeSpan.FromSeconds(1),
            Limits = new() { MaxRecordBytes = 0 },
        };

        var result = new IngestionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("Ingestion:BatchSize must be at least 1", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Ingestion:OutputTopic must not be empty", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Ingestion:MaxRetryBackoff must be at least Ingestion:RetryBackoff", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Ingestion:Limits:MaxRecordBytes must be at least 1", StringComparison.Ordinal));
    }

    [Fact]
    public void StartingWithBadSettingsReportsEachByItsConfigurationKey()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:9092",
            ["Ingestion:BatchSize"] = "0",
            ["Ingestion:BatchMaxWait"] = "-00:00:01",
            ["Ingestion:Limits:MaxFutureSkew"] = "-00:00:01",
        });
        builder.AddApplicationServices();
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(typeof(IngestionOptions), error.OptionsType);
        Assert.Contains("Ingestion:BatchSize", error.Message, StringComparison.Ordinal);
        Assert.Contains("Ingestion:BatchMaxWait must not be negative", error.Message, StringComparison.Ordinal);
        Assert.Contains("Ingestion:Limits:MaxFutureSkew must not be negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingBootstrapServersNamesTheSettingAndItsEnvironmentVariables()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS");
        var result = new KafkaSettingsValidator().Validate(null, new KafkaSettings { BootstrapServers = " " });

        Assert.Equal(string.IsNullOrWhiteSpace(fromEnvironment), result.Failed);
        if (result.Failed)
        {
            Assert.Contains("Kafka:BootstrapServers", result.FailureMessage, StringComparison.Ordinal);
            Assert.Contains("Kafka__BootstrapServers", result.FailureMessage, StringComparison.Ordinal);
            Assert.Contains("KAFKA_BOOTSTRAP_SERVERS", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
