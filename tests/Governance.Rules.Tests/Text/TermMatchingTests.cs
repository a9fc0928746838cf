using Governance.Rules.Text;

namespace Governance.Rules.Tests.Text;

public sealed class TermMatchingTests
{
    private static TermLists Lists(params (string Name, string Content)[] lists) =>
        TermLists.Compile(lists.Select(l => TermListParser.Parse(l.Name, l.Content)));

    private static bool Matches(string terms, string text) => Lists(("x", terms)).Matches(text, "x");

    [Theory]
    [InlineData("curado", true)]
    [InlineData("cura", true)]
    [InlineData("CURADITO!", true)]
    [InlineData("procura", false)]
    [InlineData("procurado", false)]
    [InlineData("cur", false)]
    public void StemMatchesLongerWordsButNotInsideWords(string text, bool expected) =>
        Assert.Equal(expected, Matches("cura*", text));

    [Theory]
    [InlineData("cura", true)]
    [InlineData("la cura.", true)]
    [InlineData("curado", false)]
    [InlineData("procura", false)]
    [InlineData("curas", false)]
    public void WordMatchesOnlyWholeWords(string text, bool expected) =>
        Assert.Equal(expected, Matches("cura", text));

    [Theory]
    [InlineData("cura el diabetes", true)]
    [InlineData("Cura la diabetes tipo 2", true)]
    [InlineData("cura los diabetes", false)]
    [InlineData("cura diabetes", false)]
    [InlineData("cura la diabetesx", false)]
    public void AlternativesListWordsForOnePosition(string text, bool expected) =>
        Assert.Equal(expected, Matches("cura el|la diabetes", text));

    [Theory]
    [InlineData("¡¡CURA-LA diabetes!!")]
    [InlineData("cura\n\tla,   DIABETES")]
    [InlineData("ｃｕｒａ ｌａ ｄｉａｂｅｔｅｓ")]
    [InlineData("cura 💊 la ... diabetes")]
    public void PhrasesMatchAcrossPunctuationCaseWidthAndEmoji(string text) =>
        Assert.True(Matches("cura la diabetes", text));

    [Theory]
    [InlineData("réplica", "REPLICA")]
    [InlineData("replica", "Réplica")]
    [InlineData("ＲＥＰＬＩＣＡ", "réplica")]
    [InlineData("año", "ano")]
    [InlineData("straße", "STRASSE")]
    public void TermsAndTextAreNormalizedAlike(string term, string text) =>
        Assert.True(Matches(term, text));

    [Theory]
    [InlineData("jamón curado", false)]
    [InlineData("Jamón curado, queso curado", false)]
    [InlineData("jamón curado y curamos la gripe", true)]
    [InlineData("curado", true)]
    public void ExclusionSuppressesOnlyMatchesItOverlaps(string text, bool expected) =>
        Assert.Equal(expected, Matches("cur*\n!jamon curado\n!queso curado", text));

    [Fact]
    public void ExclusionShorterThanTheMatchStillSuppressesIt()
    {
        const string terms = "cura la diabetes\n!no cura";

        Assert.False(Matches(terms, "Este té NO cura la diabetes"));
        Assert.True(Matches(terms, "Cura la diabetes, no cura el asma"));
    }

    [Fact]
    public void ExclusionAppliesOnlyToItsOwnList()
    {
        var lists = Lists(("food", "cur*\n!jamon curado"), ("health", "cur*"));

        var scan = lists.Scan("jamón curado");

        Assert.False(scan.Has("food"));
        Assert.True(scan.Has("health"));
    }

    [Theory]
    [InlineData("curamos la diabetes", true)]
    [InlineData("Cura el diabetes", true)]
    [InlineData("curamos mucho la diabetes", false)]
    [InlineData("procuramos la diabetes", false)]
    [InlineData("curamos la", false)]
    [InlineData("curamos curamos la diabetes", true)]
    public void StemInsideAPhraseRunsToTheEndOfItsWord(string text, bool expected) =>
        Assert.Equal(expected, Matches("cur* el|la diabetes", text));

    [Theory]
    [InlineData("baje 10 kilos en una semana", true)]
    [InlineData("bajamos 15 kg en 7 dias", true)]
    [InlineData("baje 10 kilos en un mes", false)]
    [InlineData("baje 11 kilos en una semana", false)]
    [InlineData("baje kilos 10 en una semana", false)]
    [InlineData("10 kilos en una semana", false)]
    public void ManyAlternativesAreChainedInOrder(string text, bool expected) =>
        Assert.Equal(expected, Matches("baj*|pierd* 5|6|7|8|9|10|12|15|20 kg|kilos|kilogramos en|hasta una|1|3|5|7|10 semana|dias", text));

    [Fact]
    public void ChainedAlternativesStayAsSmallAsTheirParts()
    {
        var words = Enumerable.Range(0, 4).Select(p => string.Join('|', Enumerable.Range(0, 20).Select(i => $"w{p}x{i}")));
        var lists = Lists(("x", string.Join(' ', words)));

        Assert.True(lists.Matches("w0x3 w1x19 w2x0 w3x7", "x"));
        Assert.False(lists.Matches("w0x3 w1x19 w3x7 w2x0", "x"));
        Assert.True(lists.StateCount < 20 * 4 * 8 * 2, $"{lists.StateCount} states for 160,000 combinations");
    }

    [Theory]
    [InlineData("90% OFF", true)]
    [InlineData("90 off", true)]
    [InlineData("190% off", false)]
    [InlineData("90.5% off", false)]
    public void NumbersAreWholeWords(string text, bool expected) =>
        Assert.Equal(expected, Matches("90% off", text));

    [Fact]
    public void TermsMatchAtTheStartAndEndOfText()
    {
        Assert.True(Matches("milagro*", "milagrosa"));
        Assert.True(Matches("miracle cure", "miracle cure"));
        Assert.True(Matches("cure", "a cure"));
    }

    [Fact]
    public void ScanAnswersEveryListFromOnePass()
    {
        var lists = Lists(("health", "milagro*"), ("counterfeit", "replica aaa"), ("discount", "90% off"));

        var scan = lists.Scan("Crema MILAGROSA, réplica AAA");

        Assert.True(scan.Has("health"));
        Assert.True(scan.Has("counterfeit"));
        Assert.False(scan.Has("discount"));
        Assert.Equal(["health", "counterfeit"], scan.MatchedLists);
        Assert.False(scan.IsEmpty);
    }

    [Fact]
    public void MatchesGivesTheRightAnswerWhenTextsAlternate()
    {
        var lists = Lists(("a", "alpha"), ("b", "beta"));
        var first = "alpha";
        var second = "beta";

        for (var i = 0; i < 3; i++)
        {
            Assert.True(lists.Matches(first, "a"));
            Assert.False(lists.Matches(first, "b"));
            Assert.False(lists.Matches(second, "a"));
            Assert.True(lists.Matches(second, "b"));
        }
    }

    [Fact]
    public void UnknownListIsAnError()
    {
        var lists = Lists(("health", "cura"));

        Assert.False(lists.Contains("heath"));
        var error = Assert.Throws<ArgumentException>(() => lists.Matches("cura", "heath"));
        Assert.Contains("Unknown term list 'heath'; known lists: health", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => lists.Scan("cura").Has("heath"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("¡¡!!")]
    public void EmptyTextMatchesNothing(string? text)
    {
        var lists = Lists(("x", "cura"));

        Assert.False(lists.Matches(text, "x"));
        Assert.True(lists.Scan(text).IsEmpty);
        Assert.Empty(lists.FindAll(text));
    }

    [Fact]
    public void ListNamesMustBeDistinct() =>
        Assert.Throws<ArgumentException>(() => TermLists.Compile([TermListParser.Parse("x", "a"), TermListParser.Parse("x", "b")]));

    [Fact]
    public void FindAllReportsListTermLineAndPositionInTheNormalizedText()
    {
        var lists = Lists(("health", "# stems\nmilagro*\ncura el|la diabetes"), ("counterfeit", "réplica aaa"));
        const string text = "¡Crema MILAGROSA que cura-la DIABETES! Réplica ＡＡＡ";

        var matches = lists.FindAll(text);

        var normalized = TextNormalizer.Normalize(text);
        Assert.Equal("crema milagrosa que cura la diabetes replica aaa", normalized);
        Assert.Equal(
            [
                new TermMatch("health", "milagro*", 2, 6, 9, "milagrosa"),
                new TermMatch("health", "cura el|la diabetes", 3, 20, 16, "cura la diabetes"),
                new TermMatch("counterfeit", "réplica aaa", 1, 37, 11, "replica aaa"),
            ],
            matches);
        Assert.All(matches, m => Assert.Equal(m.Text, normalized.Substring(m.Start, m.Length)));
    }

    [Fact]
    public void FindAllLeavesOutExcludedMatchesAndRepeats()
    {
        var lists = Lists(("x", "cur*\ncura\n!jamon curado"));

        var matches = lists.FindAll("jamón curado; cura, cura");

        Assert.Equal(
            [
                new TermMatch("x", "cur*", 1, 13, 4, "cura"),
                new TermMatch("x", "cura", 2, 13, 4, "cura"),
                new TermMatch("x", "cur*", 1, 18, 4, "cura"),
                new TermMatch("x", "cura", 2, 18, 4, "cura"),
            ],
            matches);
    }

    [Fact]
    public void LongTextIsScannedToTheEnd()
    {
        var lists = Lists(("x", "cur* el diabetes"));
        var text = string.Concat(Enumerable.Repeat("cur cura curado el ", 1500)) + "curamos el diabetes";

        Assert.Equal("curamos el diabetes", Assert.Single(lists.FindAll(text)).Text);
    }

    [Fact]
    public void TextThatExpandsWhenNormalizedIsScannedWhole()
    {
        var lists = Lists(("x", "500 kcal"));
        var text = string.Concat(Enumerable.Repeat("㎉", 3000)) + " 500 ㎉";

        Assert.True(lists.Matches(text, "x"));
    }
}
