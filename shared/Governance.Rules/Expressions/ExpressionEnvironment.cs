using Governance.Rules.Text;

namespace Governance.Rules.Expressions;

/// <summary>
/// What expressions may refer to besides the event: the term lists for <c>matches</c>. Also the limits.
/// Immutable; one instance serves every rule of a pack.
/// </summary>
public sealed class ExpressionEnvironment
{
    /// <summary>An environment without term lists (every <c>matches</c> is a compile error).</summary>
    public ExpressionEnvironment()
        : this(null)
    {
    }

    /// <summary>
    /// An environment with <paramref name="termLists"/>. <paramref name="termListNames"/> (optional) are
    /// listed in the error for an unknown list name, since <see cref="ITermLists"/> cannot enumerate them.
    /// </summary>
    public ExpressionEnvironment(ITermLists? termLists, IEnumerable<string>? termListNames = null)
    {
        TermLists = termLists;
        TermListNames = termListNames?.Order(StringComparer.Ordinal).ToArray() ?? [];
    }

    /// <summary>The term lists, or null when there are none.</summary>
    public ITermLists? TermLists { get; }

    /// <summary>Names of the term lists, sorted, for error messages; may be empty.</summary>
    public IReadOnlyList<string> TermListNames { get; }

    /// <summary>The longest expression accepted, in characters (default 4,096).</summary>
    public int MaxLength { get; init; } = 4096;

    /// <summary>The deepest nesting accepted: operators within operators, parentheses, calls (default 64).</summary>
    public int MaxDepth { get; init; } = 64;
}
