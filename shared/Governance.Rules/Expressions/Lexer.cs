using System.Globalization;
using System.Text;

namespace Governance.Rules.Expressions;

/// <summary>Splits an expression into tokens; the source is already bounded in length.</summary>
internal sealed class Lexer(string source)
{
    private int _pos;

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        while (true)
        {
            while (_pos < source.Length && char.IsWhiteSpace(source[_pos]))
            {
                _pos++;
            }

            if (_pos >= source.Length)
            {
                tokens.Add(new Token(TokenKind.End, source.Length, 0));
                return tokens;
            }

            tokens.Add(Next());
        }
    }

    private Token Next()
    {
        var start = _pos;
        var c = source[_pos];
        if (char.IsAsciiDigit(c))
        {
            return ReadNumber();
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            while (_pos < source.Length && (char.IsAsciiLetterOrDigit(source[_pos]) || source[_pos] == '_'))
            {
                _pos++;
            }

            var word = source[start.._pos];
            var kind = word switch
            {
                "true" => TokenKind.True,
                "false" => TokenKind.False,
                "null" => TokenKind.Null,
                "in" => TokenKind.In,
                _ => TokenKind.Identifier,
            };
            return new Token(kind, start, _pos - start, word);
        }

        if (c is '"' or '\'')
        {
            return ReadString(c);
        }

        var two = _pos + 1 < source.Length ? source.Substring(_pos, 2) : string.Empty;
        TokenKind? pair = two switch
        {
            "&&" => TokenKind.AndAnd,
            "||" => TokenKind.OrOr,
            "==" => TokenKind.EqualEqual,
            "!=" => TokenKind.NotEqual,
            "<=" => TokenKind.LessOrEqual,
            ">=" => TokenKind.GreaterOrEqual,
            _ => null,
        };
        if (pair is { } pairKind)
        {
            _pos += 2;
            return new Token(pairKind, start, 2, two);
        }

        TokenKind single = c switch
        {
            '(' => TokenKind.LeftParen,
            ')' => TokenKind.RightParen,
            '[' => TokenKind.LeftBracket,
            ']' => TokenKind.RightBracket,
            ',' => TokenKind.Comma,
            '.' => TokenKind.Dot,
            '?' => TokenKind.Question,
            ':' => TokenKind.Colon,
            '+' => TokenKind.Plus,
            '-' => TokenKind.Minus,
            '*' => TokenKind.Star,
            '/' => TokenKind.Slash,
            '%' => TokenKind.Percent,
            '!' => TokenKind.Bang,
            '<' => TokenKind.Less,
            '>' => TokenKind.Greater,
            '&' => throw Error("'&' is not an operator; use '&&'", start),
            '|' => throw Error("'|' is not an operator; use '||'", start),
            '=' => throw Error("'=' is not an operator; use '==' to compare", start),
            _ => throw Error($"unexpected character '{c}'", start),
        };
        _pos++;
        return new Token(single, start, 1, c.ToString());
    }

    private Token ReadNumber()
    {
        var start = _pos;
        SkipDigits();
        if (_pos + 1 < source.Length && source[_pos] == '.' && char.IsAsciiDigit(source[_pos + 1]))
        {
            _pos++;
            SkipDigits();
        }

        if (_pos < source.Length && source[_pos] is 'e' or 'E')
        {
            _pos++;
            if (_pos < source.Length && source[_pos] is '+' or '-')
            {
                _pos++;
            }

            if (_pos >= source.Length || !char.IsAsciiDigit(source[_pos]))
            {
                throw Error("a number's exponent needs digits, e.g. 1e6", _pos);
            }

            SkipDigits();
        }

        if (_pos < source.Length && (char.IsAsciiLetter(source[_pos]) || source[_pos] == '_'))
        {
            throw Error($"unexpected '{source[_pos]}' after a number", _pos);
        }

        var text = source[start.._pos];
        return new Token(TokenKind.Number, start, _pos - start, text, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private void SkipDigits()
    {
        while (_pos < source.Length && char.IsAsciiDigit(source[_pos]))
        {
            _pos++;
        }
    }

    private Token ReadString(char quote)
    {
        var start = _pos++;
        var text = new StringBuilder();
        while (true)
        {
            if (_pos >= source.Length || source[_pos] == '\n')
            {
                throw Error($"string is not closed: add a {quote} before the end", start);
            }

            var c = source[_pos++];
            if (c == quote)
            {
                return new Token(TokenKind.String, start, _pos - start, text.ToString());
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            var escape = _pos < source.Length ? source[_pos++] : '\0';
            text.Append(escape switch
            {
                '\\' or '"' or '\'' => escape,
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'u' => ReadUnicodeEscape(),
                _ => throw Error(@"unknown escape: use \\, \"", \', \n, \t, \r or \uXXXX", _pos - 2),
            });
        }
    }

    private char ReadUnicodeEscape()
    {
        var start = _pos - 2;
        if (_pos + 4 > source.Length
            || !ushort.TryParse(source.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            throw Error(@"\u needs four hex digits, e.g. \u00e9", start);
        }

        _pos += 4;
        return (char)code;
    }

    private ExpressionException Error(string detail, int position) => new(detail, source, position);
}
