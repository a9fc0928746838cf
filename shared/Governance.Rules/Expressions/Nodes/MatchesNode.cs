using Governance.Rules.Text;

namespace Governance.Rules.Expressions.Nodes;

/// <summary><c>matches(text, "list")</c>: the text contains a term of a named list; false for null text.</summary>
internal sealed class MatchesNode(int position, ITermLists lists, string listName, Node text) : BooleanNode(position, text)
{
    public override bool IsTrue(RuleEvent e) => Matches(text.Evaluate(e), lists, listName, Position);

    private static bool Matches(Value text, ITermLists lists, string listName, int position) => text.Kind switch
    {
        ValueKind.Null => false,
        ValueKind.String => lists.Matches(text.AsString(), listName),
        _ => throw new ExpressionRuntimeException($"'matches' needs a string, got {Operations.Describe(text.Kind)}", position),
    };
}
