namespace Governance.Rules.Expressions;

/// <summary>
/// A type error found while evaluating (e.g. <c>event.text &lt; 3</c> when <c>text</c> is a string). Nulls
/// never cause it. The engine counts it and treats the rule as false for that event.
/// </summary>
public sealed class ExpressionRuntimeException : Exception
{
    /// <summary>Creates the exception for the operator or function at <paramref name="position"/>.</summary>
    public ExpressionRuntimeException(string message, int position)
        : base(message) => Position = position;

    /// <summary>Creates the exception.</summary>
    public ExpressionRuntimeException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ExpressionRuntimeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ExpressionRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>0-based offset, within the expression, of the operator or function that failed.</summary>
    public int Position { get; }
}
