using Governance.Hosting;

namespace Governance.Alerting.Tests;

public sealed class OptionsValidationTests
{
    [Fact]
    public void TheDefaultSettingsPass()
    {
        Assert.True(new AlertingOptionsValidator().Validate(null, new AlertingOptions()).Succeeded);
        Assert.True(new DatabaseOptionsValidator().Validate(null, new DatabaseOptions { ConnectionString = "Host=127.0.0.1" }).Succeeded);
        Assert.True(new RabbitMqOptionsValidator().Validate(null, new RabbitMqOptions()).Succeeded);
    }

    [Fact]
    public void EveryBadAlertingSettingIsNamedInOneFailure()
    {
        var options = new AlertingOptions
        {
            AlertsQueue = "",
            PrefetchCount = 100,
            ConcurrentMessageLimit = 150,
            HalfLife = TimeSpan.Zero,
            QueueDepthInterval = TimeSpan.Zero,
            SignalCacheSize = 0,
            Batch = new() { TimeLimit = TimeSpan.FromMilliseconds(-1) },
            Outbox = new() { BatchSize = 0 },
        };

        var result = new AlertingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(8, result.Failures!.Count());
        AssertNamed(result.Failures!, "Alerting:AlertsQueue must not be empty");
        AssertNamed(result.Failures!, "Alerting:ConcurrentMessageLimit must be at least Alerting:Batch:MessageLimit (200; is 150)");
        AssertNamed(result.Failures!, "Alerting:PrefetchCount must be at least Alerting:ConcurrentMessageLimit (150; is 100)");
        AssertNamed(result.Failures!, "Alerting:HalfLife must be longer than 0");
        AssertNamed(result.Failures!, "Alerting:QueueDepthInterval must be longer than 0");
        AssertNamed(result.Failures!, "Alerting:SignalCacheSize must be at least 1");
        AssertNamed(result.Failures!, "Alerting:Batch:TimeLimit must not be negative");
        AssertNamed(result.Failures!, "Alerting:Outbox:BatchSize must be at least 1");
    }

    [Fact]
    public void EveryBadRetentionSettingIsNamed()
    {
        var options = new AlertingOptions { Retention = new() { Interval = TimeSpan.Zero, BatchSize = 0, Inbox = TimeSpan.Zero, ClosedAlerts = TimeSpan.FromDays(29) } };

        var result = new AlertingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
        AssertNamed(result.Failures!, "Alerting:Retention:Interval must be longer than 0");
        AssertNamed(result.Failures!, "Alerting:Retention:BatchSize must be at least 1");
        AssertNamed(result.Failures!, "Alerting:Retention:Inbox must be longer than 0");
        AssertNamed(result.Failures!, "Alerting:Retention:ClosedAlerts must be at least 30 days, the period of per-rule precision");
    }

    [Fact]
    public void EveryBadDatabaseSettingIsNamedWithTheEnvironmentVariableWhereOneIsNeeded()
    {
        var options = new DatabaseOptions { ConnectionString = " ", Schema = "Alerting; drop", ReadOnlyRole = "" };

        var result = new DatabaseOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
        AssertNamed(result.Failures!, "Alerting:Database:ConnectionString is required (env Alerting__Database__ConnectionString)");
        AssertNamed(result.Failures!, "Alerting:Database:Schema must be a lower-case SQL identifier");
        AssertNamed(result.Failures!, "Alerting:Database:ReadOnlyRole must not be empty");
    }

    [Fact]
    public void EveryBadRabbitMqSettingIsNamedWithItsEnvironmentVariable()
    {
        var result = new RabbitMqOptionsValidator().Validate(null, new RabbitMqOptions { Host = "", Port = 0, Username = " " });

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
        AssertNamed(result.Failures!, "RabbitMq:Host must not be empty (env RabbitMq__Host)");
        AssertNamed(result.Failures!, "RabbitMq:Port must be within 1..65535 (env RabbitMq__Port)");
        AssertNamed(result.Failures!, "RabbitMq:Username must not be empty (env RabbitMq__Username");
    }

    private static void AssertNamed(IEnumerable<string> failures, string expected) =>
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
}
