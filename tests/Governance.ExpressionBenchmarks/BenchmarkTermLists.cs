using Governance.Rules.Text;

namespace Governance.ExpressionBenchmarks;

/// <summary>A stand-in for the real term lists; every engine calls this same one, so its cost is common.</summary>
internal sealed class BenchmarkTermLists : ITermLists
{
    private readonly Dictionary<string, string[]> _lists = new(StringComparer.Ordinal)
    {
        ["health-claims"] = ["miracle cure", "cura milagrosa", "milagroso", "cures cancer"],
        ["food"] = ["snack", "comida", "recipe"],
    };

    public IEnumerable<string> Names => _lists.Keys;

    public bool Contains(string listName) => _lists.ContainsKey(listName);

    public bool Matches(string text, string listName)
    {
        foreach (var term in _lists[listName])
        {
            if (text.Contains(term, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
