namespace Governance.Rules.Expressions;

/// <summary>
/// An expression that cannot be compiled: a syntax error, an unknown name or function, a type error
/// visible before evaluation, or a limit exceeded. <see cref="Position"/> is the 0-based offset in the
/// expression; <see cref="Line"/> and <see cref="Column"/> are 1-based, for people.
/// </summary>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates the exception for <paramref name="position"/> in <paramref name="source"/>.</summary>
    public ExpressionException(string detail, string source, int position)
        : base(Format(detail, source, position, out var line, out var column))
    {
        Detail = detail;
        Position = position;
        Line = line;
        Column = column;
    }

    /// <summary>Creates the exception.</summary>
    public ExpressionException()
    {
        Detail = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    public ExpressionException(string message)
        : base(message) => Detail = message;

    /// <summary>Creates the exception.</summary>
    public ExpressionException(string message, Exception innerException)
        : base(message, innerException) => Detail = message;

    /// <summary>The message without the location, e.g. <c>unknown function 'lenght' (did you mean 'len'?)</c>.</summary>
    public string Detail { get; }

    /// <summary>0-based character offset within the expression.</summary>
    public int Position { get; }

    /// <summary>1-based line within the expression.</summary>
    public int Line { get; }

    /// <summary>1-based column within that line.</summary>
    public int Column { get; }

    private static string Format(string detail, string source, int position, out int line, out int column)
    {
        ArgumentNullException.ThrowIfNull(source);
        position = Math.Clamp(position, 0, source.Length);
        var before = source.AsSpan(0, position);
        line = before.Count('\n') + 1;
        column = position - (before.LastIndexOf('\n') + 1) + 1;
        return line == 1 ? $"{detail} at column {column}" : $"{detail} at line {line}, column {column}";
    }
}
