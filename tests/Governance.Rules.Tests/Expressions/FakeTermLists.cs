using Governance.Rules.Text;

namespace Governance.Rules.Tests.Expressions;

/// <summary>Term lists for tests: plain case-insensitive substring matching.</summary>
internal sealed class FakeTermLists(Dictionary<string, string[]> lists) : ITermLists
{
    public IEnumerable<string> Names => lists.Keys;

    public bool Contains(string listName) => lists.ContainsKey(listName);

    public bool Matches(string text, string listName) =>
        lists[listName].Any(term => text.Contains(term, StringComparison.OrdinalIgnoreCase));
}
