namespace Governance.LocalKafka.Tests;

public sealed class TopicSpecTests
{
    [Theory]
    [InlineData("creator.content.v1:6", "creator.content.v1", 6)]
    [InlineData("plain", "plain", 1)]
    [InlineData(" spaced : 3 ", "spaced", 3)]
    public void ParsesNameAndPartitions(string text, string name, int partitions)
    {
        Assert.Equal(new TopicSpec(name, partitions), TopicSpec.Parse(text));
    }

    [Theory]
    [InlineData(":3")]
    [InlineData("t:0")]
    [InlineData("t:-1")]
    [InlineData("t:x")]
    public void RejectsBadSpecsWithAClearMessage(string text)
    {
        var error = Assert.Throws<FormatException>(() => TopicSpec.Parse(text));
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }
}
