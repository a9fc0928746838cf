namespace Governance.Rules.Text;

/// <summary>Named term lists (the files under <c>rules/terms/</c>), as expressions use them.</summary>
public interface ITermLists
{
    /// <summary>True when a list of that name exists (checked when a rule is compiled).</summary>
    bool Contains(string listName);

    /// <summary>True when <paramref name="text"/> contains a term of the list (case-, accent- and width-insensitive).</summary>
    bool Matches(string text, string listName);
}
