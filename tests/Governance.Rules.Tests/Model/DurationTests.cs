using Governance.Rules.Model;

namespace Governance.Rules.Tests.Model;

public sealed class DurationTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("1h", 3600)]
    [InlineData("7d", 604800)]
    [InlineData("1h30m", 5400)]
    public void ParsesUnits(string text, int seconds)
    {
        Assert.True(Duration.TryParse(text, out var value, out _));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
        Assert.Equal(value, Duration.TryParse(Duration.Format(value), out var again, out _) ? again : TimeSpan.MinValue);
    }

    [Theory]
    [InlineData("")]
    [InlineData("90x")]
    [InlineData("h")]
    [InlineData("1.5h")]
    [InlineData("-1h")]
    public void RejectsOthersWithAReason(string text)
    {
        Assert.False(Duration.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }
}
