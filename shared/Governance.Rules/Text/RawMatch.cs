namespace Governance.Rules.Text;

/// <summary>An occurrence of an entry in the padded normalized text: the words from <paramref name="Start"/> to <paramref name="End"/> (exclusive).</summary>
internal readonly record struct RawMatch(int Entry, int Start, int End);
