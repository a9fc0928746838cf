namespace Governance.Rules.Expressions;

/// <summary>The kind of a runtime <see cref="Value"/>.</summary>
public enum ValueKind : byte
{
#pragma warning disable CA1720 // the language's own type names: string, object
    /// <summary>No value: a missing field, JSON <c>null</c>, or the result of an operation on null.</summary>
    Null = 0,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,

    /// <summary>A number (a <see cref="double"/>).</summary>
    Number,

    /// <summary>A string.</summary>
    String,

    /// <summary>A list: a list literal or a JSON array.</summary>
    List,

    /// <summary>A point in time (<c>event.occurredAt</c>).</summary>
    Timestamp,

    /// <summary>A JSON object (a nested attribute).</summary>
    Object,
#pragma warning restore CA1720
}
