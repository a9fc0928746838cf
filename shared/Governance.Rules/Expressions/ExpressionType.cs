namespace Governance.Rules.Expressions;

/// <summary>
/// The static type of an expression, known when it is compiled. Attributes are dynamically typed, so
/// anything read from them is <see cref="Unknown"/> until a function or operator fixes its type.
/// </summary>
public enum ExpressionType : byte
{
#pragma warning disable CA1720 // the language's own type names: string, object
    /// <summary>Not known before evaluation (e.g. <c>event.amount</c>).</summary>
    Unknown = 0,

    /// <summary>Always null (the literal <c>null</c>).</summary>
    Null,

    /// <summary>Boolean or null.</summary>
    Bool,

    /// <summary>Number or null.</summary>
    Number,

    /// <summary>String or null.</summary>
    String,

    /// <summary>List or null.</summary>
    List,

    /// <summary>Timestamp or null.</summary>
    Timestamp,

    /// <summary>JSON object or null.</summary>
    Object,
#pragma warning restore CA1720
}
