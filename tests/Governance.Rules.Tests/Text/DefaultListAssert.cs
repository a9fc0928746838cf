namespace Governance.Rules.Tests.Text;

/// <summary>Assertions on the default lists that show the evidence when they fail.</summary>
internal static class DefaultListAssert
{
    public static void Matches(string list, string text) =>
        Assert.True(
            DefaultTermLists.Lists.Matches(text, list),
            $"'{text}' should match {list}; normalized: '{Governance.Rules.Text.TextNormalizer.Normalize(text)}'");

    public static void DoesNotMatch(string list, string text)
    {
        var evidence = DefaultTermLists.Lists.FindAll(text).Where(m => m.ListName == list);
        Assert.False(
            DefaultTermLists.Lists.Matches(text, list),
            $"'{text}' should not match {list}; matched: {string.Join("; ", evidence.Select(m => $"'{m.Term}' (line {m.Line}) on '{m.Text}'"))}");
    }
}
