using Governance.Redis;
using Governance.Signals.Publishing;

namespace Governance.Signals.IntegrationTests;

// Needs no server: here because the signal worker has no unit test project.
public sealed class OptionsValidationTests
{
    [Fact]
    public void TheDefaultSettingsPass()
    {
        Assert.True(new SignalsOptionsValidator().Validate(null, new SignalsOptions()).Succeeded);
        Assert.True(new RedisOptionsValidator().Validate(null, new RedisOptions()).Succeeded);
        Assert.True(new SignalQueueOptionsValidator().Validate(null, new SignalQueueOptions()).Succeeded);
    }

    [Fact]
    public void EveryBadSignalsSettingIsNamedInOneFailure()
    {
        var options = new SignalsOptions
        {
            InputTopic = "",
            AttemptTimeout = TimeSpan.Zero,
            PackRefreshInterval = TimeSpan.FromSeconds(-1),
            Windows = new() { EvidenceLimit = 101 },
        };

        var result = new SignalsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
        AssertNamed(result.Failures!, "Signals:InputTopic must not be empty");
        AssertNamed(result.Failures!, "Signals:AttemptTimeout must be longer than 0");
        AssertNamed(result.Failures!, "Signals:PackRefreshInterval must be longer than 0");
        AssertNamed(result.Failures!, "Signals:Windows:EvidenceLimit must be within 1..100 (is 101)");
    }

    [Fact]
    public void EveryBadRedisSettingIsNamedInOneFailure()
    {
        var result = new RedisOptionsValidator().Validate(null, new RedisOptions { Configuration = "", KeyPrefix = "gov{1}" });

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
        AssertNamed(result.Failures!, "Redis:Configuration is empty: set it (env Redis__Configuration)");
        AssertNamed(result.Failures!, "Redis:KeyPrefix must be free of '{' and '}'");
    }

    private static void AssertNamed(IEnumerable<string> failures, string expected) =>
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
}
