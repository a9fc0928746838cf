using Governance.Rules.Text;

namespace Governance.Rules.Tests.Text;

public sealed class TermListParserTests
{
    [Fact]
    public void CommentsAndBlankLinesAreIgnoredAndLineNumbersKept()
    {
        var list = TermListParser.Parse("health-claims", "# header\n\n   \nmilagro*   # a stem\n!jamón curado\r\ncura el|la diabetes\n");

        Assert.Equal("health-claims", list.Name);
        Assert.Collection(
            list.Entries,
            e => Assert.Equal(("milagro*", 4, false), (e.Text, e.Line, e.IsExclusion)),
            e => Assert.Equal(("jamón curado", 5, true), (e.Text, e.Line, e.IsExclusion)),
            e => Assert.Equal(("cura el|la diabetes", 6, false), (e.Text, e.Line, e.IsExclusion)));
    }

    [Fact]
    public void TermsAreNormalizedIntoWordPositions()
    {
        var entry = TermListParser.Parse("x", "RÉPLICA 1:1|Clon* ｅｘａｃｔａ").Entries[0];

        Assert.Equal(
            ["replica", "1 1|clon*", "exacta"],
            entry.Positions.Select(p => string.Join('|', p.Select(w => w.ToString()))));
    }

    [Fact]
    public void ByteOrderMarkIsIgnored() =>
        Assert.Equal("cura", TermListParser.Parse("x", "\uFEFFcura").Entries[0].Text);

    [Fact]
    public void ErrorNamesFileLineAndTerm()
    {
        var content = string.Concat(Enumerable.Repeat("# comment\n", 11)) + "cura el||la\n";

        var error = Assert.Throws<TermListException>(() => TermListParser.Parse("health-claims", content, "rules/terms/health-claims.txt"));

        Assert.Equal("rules/terms/health-claims.txt:12: empty alternative in 'cura el||la'", error.Message);
        Assert.Equal(new TermListError("rules/terms/health-claims.txt", 12, "empty alternative in 'cura el||la'"), Assert.Single(error.Errors));
    }

    [Theory]
    [InlineData("cura |la", "empty alternative in 'cura |la'")]
    [InlineData("mi*lagro", "'*' may only end a word: 'mi*lagro' in 'mi*lagro'")]
    [InlineData("cu*", "stem 'cu*' is too short (at least 3 letters or digits before '*') in 'cu*'")]
    [InlineData("réplica-a*", "stem 'réplica-a*' is too short (at least 3 letters or digits before '*') in 'réplica-a*'")]
    [InlineData("*", "'*' has no letters or digits in '*'")]
    [InlineData("90 %", "'%' has no letters or digits in '90 %'")]
    [InlineData("!", "'!' without a phrase to exclude")]
    [InlineData("!  # only a comment", "'!' without a phrase to exclude")]
    [InlineData("bajar de? peso", "'?' is not term syntax (there are no optional words: write two lines) in 'bajar de? peso'")]
    [InlineData("cura (la) diabetes", "'(' is not term syntax (there are no optional words: write two lines) in 'cura (la) diabetes'")]
    [InlineData("a b c d e f g h i j k l m n o p q", "more than 16 words in 'a b c d e f g h i j k l m n o p q'")]
    public void InvalidLinesAreRejected(string line, string message)
    {
        var error = Assert.Throws<TermListException>(() => TermListParser.Parse("x", "ok\n" + line, "x.txt"));

        Assert.Equal($"x.txt:2: {message}", error.Message);
    }

    [Fact]
    public void RepeatedTermNamesTheFirstLine()
    {
        var error = Assert.Throws<TermListException>(() => TermListParser.Parse("x", "cura el|la diabetes\nmilagro*\nCURA LA|EL diabetes", "x.txt"));

        Assert.Equal("x.txt:3: 'CURA LA|EL diabetes' repeats line 1", error.Message);
    }

    [Fact]
    public void TermAndExclusionOfTheSamePhraseAreNotRepeats() =>
        Assert.Equal(2, TermListParser.Parse("x", "jamon curado\n!jamon curado").Entries.Count);

    [Fact]
    public void EveryErrorOfAFileIsReported()
    {
        var error = Assert.Throws<TermListException>(() => TermListParser.Parse("x", "a||b\nok\nmi*lagro\n!", "x.txt"));

        Assert.Equal([1, 3, 4], error.Errors.Select(e => e.Line));
        Assert.StartsWith("3 errors in term lists:", error.Message, StringComparison.Ordinal);
        Assert.Contains("x.txt:4: '!' without a phrase to exclude", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Health-Claims")]
    [InlineData("health claims")]
    [InlineData("-health")]
    [InlineData("")]
    public void ListNamesAreLowerCaseKebab(string name)
    {
        var error = Assert.Throws<TermListException>(() => TermListParser.Parse(name, "cura", "file.txt"));

        Assert.Equal(0, Assert.Single(error.Errors).Line);
        Assert.StartsWith($"file.txt: list name '{name}' must be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFileIsAnEmptyList() =>
        Assert.Empty(TermListParser.Parse("x", "# nothing yet\n").Entries);
}
