using Governance.Rules.Packs;
using Governance.Testing;

namespace Governance.Cli.Tests;

/// <summary>publish and list against the real Redis.</summary>
[Trait("Redis", "shared")]
public sealed class RulePublishTests : IClassFixture<RedisServer>
{
    private readonly RedisServer _redis;

    public RulePublishTests(RedisServer redis) => _redis = redis;

    [Fact]
    public async Task PublishedPackIsListedWithItsVersionAndRules()
    {
        var prefix = RedisServer.UniquePrefix();
        var rules = Path.Combine(RepositoryPaths.Root, "rules");

        var empty = await CliRun.RunAsync("rules", "list", "--redis", _redis.Configuration, "--prefix", prefix);
        var published = await CliRun.RunAsync("rules", "publish", "--rules", rules, "--redis", _redis.Configuration, "--prefix", prefix);
        var listed = await CliRun.RunAsync("rules", "list", "--redis", _redis.Configuration, "--prefix", prefix);

        Assert.Equal(1, empty.Exit);
        Assert.Contains("no pack published", empty.Out, StringComparison.Ordinal);
        Assert.Equal(0, published.Exit);
        var version = RulePackFiles.Read(rules).Version;
        Assert.Contains($"published {version}", published.Out, StringComparison.Ordinal);
        Assert.Equal(0, listed.Exit);
        Assert.Contains(version, listed.Out, StringComparison.Ordinal);
        Assert.Contains("refund-burst", listed.Out, StringComparison.Ordinal);
        Assert.Contains("shadow", listed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishingToARedisThatDoesNotAnswerSaysSoInOneLine()
    {
        var rules = Path.Combine(RepositoryPaths.Root, "rules");

        var published = await CliRun.RunAsync("rules", "publish", "--rules", rules, "--redis", "127.0.0.1:1", "--prefix", RedisServer.UniquePrefix());

        Assert.Equal(2, published.Exit);
        Assert.StartsWith("error: Redis does not answer at 127.0.0.1:1", published.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", published.Err, StringComparison.Ordinal);
    }
}
