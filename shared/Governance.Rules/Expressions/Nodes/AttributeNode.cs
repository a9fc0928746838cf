using System.Text.Json;

namespace Governance.Rules.Expressions.Nodes;

/// <summary><c>event.amount</c>, <c>event.campaign.id</c>: an attribute, walking nested JSON objects; missing is null.</summary>
internal sealed class AttributeNode(int position, string[] path) : Node(position, ExpressionType.Unknown)
{
    public IReadOnlyList<string> Path => path;

    /// <summary>The same attribute one level deeper.</summary>
    public AttributeNode Append(string name) => new(Position, [.. path, name]);

    public override Value Evaluate(RuleEvent e) => path.Length == 1 ? Read(e, path[0]) : ReadPath(e, path);

    private static Value Read(RuleEvent e, string name) =>
        e.Attributes.TryGetValue(name, out var element) ? Value.FromJson(element) : Value.Null;

    private static Value ReadPath(RuleEvent e, string[] path)
    {
        if (!e.Attributes.TryGetValue(path[0], out var element))
        {
            return Value.Null;
        }

        for (var i = 1; i < path.Length; i++)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(path[i], out element))
            {
                return Value.Null;
            }
        }

        return Value.FromJson(element);
    }
}
