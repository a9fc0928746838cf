namespace Governance.Rules.Expressions;

internal enum TokenKind
{
    End,
    Number,
    String,
    Identifier,
    True,
    False,
    Null,
    In,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Dot,
    Question,
    Colon,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Bang,
    AndAnd,
    OrOr,
    EqualEqual,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>A token: <paramref name="Text"/> is the identifier or the unescaped string; <paramref name="Number"/> the number.</summary>
internal readonly record struct Token(TokenKind Kind, int Position, int Length, string Text = "", double Number = 0)
{
    /// <summary>How the token is named in error messages.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.Number => $"number {Text}",
        TokenKind.String => "a string",
        TokenKind.Identifier => $"'{Text}'",
        _ => $"'{Text}'",
    };
}
