namespace Governance.Rules.Expressions.Nodes;

/// <summary>
/// The commonest condition, <c>event.type == "x"</c> / <c>!=</c> / <c>in ["x", "y"]</c>, on a core string field:
/// plain ordinal string comparisons, no <see cref="Value"/>. A null field equals none of the strings.
/// </summary>
internal sealed class StringFieldInNode(int position, Func<RuleEvent, string?> read, string[] strings, bool negated)
    : BooleanNode(position)
{
    public override bool IsTrue(RuleEvent e) => In(read(e), strings) != negated;

    private static bool In(string? value, string[] strings)
    {
        foreach (var s in strings)
        {
            if (string.Equals(value, s, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
