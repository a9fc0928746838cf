using Governance.Rules.Text;

namespace Governance.Rules.Tests.Text;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("HELLO World", "hello world")]
    [InlineData("réplica imitación ÁÉÍÓÚÜ", "replica imitacion aeiouu")]
    [InlineData("Año ESPAÑA Ñandú pingüino", "ano espana nandu pinguino")]
    [InlineData("Straße STRAẞE", "strasse strasse")]
    [InlineData("ＲＥＰＬＩＣＡ　１：１", "replica 1 1")]
    [InlineData("ﬁnal ﬂow œuvre Æsop ĳssel", "final flow oeuvre aesop ijssel")]
    [InlineData("¡Hola!!! ¿Qué tal?", "hola que tal")]
    [InlineData("cura😀la💊diabetes", "cura la diabetes")]
    [InlineData("  a \t\r\n b  ", "a b")]
    [InlineData("don't e-mail", "don t e mail")]
    [InlineData("90% OFF $50", "90 off 50")]
    [InlineData("İstanbul Øre Łódź", "istanbul ore lodz")]
    public void FoldsCaseAccentsWidthAndPunctuation(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("re\u0301plica", "replica")]
    [InlineData("rep\u200Blica", "replica")]
    [InlineData("mi\u00ADla\u2060gro", "milagro")]
    [InlineData("cu\u200Dra", "cura")]
    public void CombiningMarksAndInvisibleCharactersDoNotSplitWords(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("𝐦𝐢𝐥𝐚𝐠𝐫𝐨", "milagro")]
    [InlineData("𝓂𝒾𝓁𝒶𝑔𝓇𝑜", "milagro")]
    [InlineData("ⓜⓘⓛⓐⓖⓡⓞ", "milagro")]
    [InlineData("ᴍɪʀᴀᴄʟᴇ ᴄᴜʀᴇ", "miracle cure")]
    [InlineData("🅼🅸🅻🅰🅶🆁🅾", "milagro")]
    [InlineData("⒨⒤⒭⒜⒞⒧⒠", "miracle")]
    public void FancyTextGeneratorsFoldToPlainLetters(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("１２３", "123")]
    [InlineData("①②③", "123")]
    [InlineData("٣٤", "34")]
    [InlineData("m² ½", "m2 1 2")]
    [InlineData("10 ㎏ ㎉", "10 kg kcal")]
    public void DigitsAndUnitsFoldToAscii(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("")]
    [InlineData("!!! ¿? 😀")]
    public void TextWithoutLettersOrDigitsIsEmpty(string text) =>
        Assert.Equal("", TextNormalizer.Normalize(text));

    [Fact]
    public void LoneSurrogateIsASeparator() =>
        Assert.Equal("a b", TextNormalizer.Normalize("a\uD800b"));

    [Fact]
    public void OtherScriptsAreKeptLowerCased() =>
        Assert.Equal("привет мир 東京", TextNormalizer.Normalize("ПРИВЕТ, мир! 東京"));

    [Fact]
    public void AlreadyNormalizedTextIsReturnedAsIs()
    {
        var text = "cura la diabetes";

        Assert.Same(text, TextNormalizer.Normalize(text));
    }

    [Theory]
    [InlineData("¡ＲÉＰＬＩＣＡ  1:1!")]
    [InlineData("Straße ﬁnal ½ ㎉ 𝐦𝐢𝐥𝐚𝐠𝐫𝐨")]
    public void NormalizingTwiceChangesNothing(string text)
    {
        var once = TextNormalizer.Normalize(text);

        Assert.Equal(once, TextNormalizer.Normalize(once));
    }

    [Fact]
    public void LongTextIsNormalizedWhole()
    {
        var text = string.Concat(Enumerable.Repeat("Réplica ＡＡＡ! ", 2000));

        var normalized = TextNormalizer.Normalize(text);

        Assert.Equal(string.Join(' ', Enumerable.Repeat("replica aaa", 2000)), normalized);
    }

    [Fact]
    public void ExpandingTextNeedsAtMostTheMaxLength()
    {
        var text = string.Concat(Enumerable.Repeat("㎉½", 400));
        var small = new char[text.Length];
        var large = new char[TextNormalizer.GetMaxNormalizedLength(text.Length)];

        Assert.False(TextNormalizer.TryNormalize(text, small, out _));
        Assert.True(TextNormalizer.TryNormalize(text, large, out var written));
        Assert.Equal(TextNormalizer.Normalize(text), new string(large, 0, written));
        Assert.StartsWith("kcal1 2kcal1 2", TextNormalizer.Normalize(text), StringComparison.Ordinal);
    }
}
