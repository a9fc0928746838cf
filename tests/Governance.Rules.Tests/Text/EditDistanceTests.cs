using Governance.Rules.Text;

namespace Governance.Rules.Tests.Text;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("cooldown", "cooldown", 0)]
    [InlineData("coldown", "cooldown", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("lenght", "length", 2)]
    [InlineData("Kafka", "kafka", 1)]
    public void LevenshteinCountsInsertionsDeletionsAndSubstitutions(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Levenshtein(a, b));
        Assert.Equal(expected, EditDistance.Levenshtein(b, a));
    }

    [Theory]
    [InlineData("lenght", "length", 1)]
    [InlineData("ab", "ba", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ca", "abc", 3)] // optimal string alignment edits no substring twice (true Damerau–Levenshtein: 2)
    public void OptimalStringAlignmentAlsoCountsAnAdjacentSwapAsOne(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.OptimalStringAlignment(a, b));
}
