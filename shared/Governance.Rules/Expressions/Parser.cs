using Governance.Rules.Expressions.Nodes;

namespace Governance.Rules.Expressions;

/// <summary>
/// Recursive descent over the tokens; every node is built (and type-checked) by the <see cref="Binder"/>.
/// Precedence, lowest first: <c>?:</c>, <c>||</c>, <c>&amp;&amp;</c>, <c>== !=</c>, <c>&lt; &lt;= &gt; &gt;= in</c>,
/// <c>+ -</c>, <c>* / %</c>, unary <c>! -</c>, then <c>.</c> <c>[]</c> and calls.
/// </summary>
internal sealed class Parser(string source, List<Token> tokens, Binder binder, int maxDepth)
{
    private int _index;
    private int _depth;

    private Token Current => tokens[_index];

    public Node ParseAll()
    {
        var node = ParseExpression();
        if (Current.Kind != TokenKind.End)
        {
            throw Error($"unexpected {Current.Describe()}: expected an operator or the end of the expression", Current.Position);
        }

        return node;
    }

    private Node ParseExpression()
    {
        Enter();
        var condition = ParseLogical(isAnd: false);
        if (Current.Kind == TokenKind.Question)
        {
            var question = Advance();
            var whenTrue = ParseExpression();
            Expect(TokenKind.Colon, "':' of the conditional 'c ? a : b'");
            var whenFalse = ParseExpression();
            condition = binder.Conditional(condition, whenTrue, whenFalse, question.Position);
        }

        _depth--;
        return condition;
    }

    private Node ParseLogical(bool isAnd)
    {
        var kind = isAnd ? TokenKind.AndAnd : TokenKind.OrOr;
        var first = isAnd ? ParseEquality() : ParseLogical(isAnd: true);
        if (Current.Kind != kind)
        {
            return first;
        }

        var position = Current.Position;
        var operands = new List<Node> { first };
        while (Current.Kind == kind)
        {
            Advance();
            operands.Add(isAnd ? ParseEquality() : ParseLogical(isAnd: true));
        }

        return binder.Logical(isAnd, operands, position);
    }

    private Node ParseEquality()
    {
        var left = ParseRelational();
        while (Current.Kind is TokenKind.EqualEqual or TokenKind.NotEqual)
        {
            var op = Advance();
            left = binder.Binary(op, left, ParseRelational());
        }

        return left;
    }

    private Node ParseRelational()
    {
        var left = ParseAdditive();
        while (Current.Kind is TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual or TokenKind.In)
        {
            var op = Advance();
            left = binder.Binary(op, left, ParseAdditive());
        }

        return left;
    }

    private Node ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance();
            left = binder.Binary(op, left, ParseMultiplicative());
        }

        return left;
    }

    private Node ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = Advance();
            left = binder.Binary(op, left, ParseUnary());
        }

        return left;
    }

    private Node ParseUnary()
    {
        if (Current.Kind is not (TokenKind.Bang or TokenKind.Minus))
        {
            return ParsePostfix(ParsePrimary());
        }

        Enter();
        var op = Advance();
        var operand = ParseUnary();
        _depth--;
        return binder.Unary(op, operand);
    }

    private Node ParsePostfix(Node node)
    {
        while (true)
        {
            switch (Current.Kind)
            {
                case TokenKind.Dot:
                    Advance();
                    var name = Expect(TokenKind.Identifier, "a field name after '.'");
                    node = binder.Member(node, name.Text, name.Position);
                    break;
                case TokenKind.LeftBracket:
                    var bracket = Advance();
                    var index = ParseExpression();
                    Expect(TokenKind.RightBracket, "']'");
                    node = binder.Index(node, index, bracket.Position);
                    break;
                case TokenKind.LeftParen:
                    throw Error("only built-in functions can be called, e.g. lower(event.text)", Current.Position);
                default:
                    return node;
            }
        }
    }

    private Node ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number or TokenKind.String or TokenKind.True or TokenKind.False or TokenKind.Null:
                Advance();
                return Binder.Literal(token);
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseExpression();
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.LeftBracket:
                Advance();
                return binder.List(ParseList(TokenKind.RightBracket, "']'"), token.Position);
            case TokenKind.Identifier when tokens[_index + 1].Kind == TokenKind.LeftParen:
                Advance();
                Advance();
                return binder.Call(token.Text, token.Position, ParseList(TokenKind.RightParen, "')'"));
            case TokenKind.Identifier when token.Text == "event":
                Advance();
                if (Current.Kind is not (TokenKind.Dot or TokenKind.LeftBracket))
                {
                    throw Error("'event' alone is not a value: name a field, e.g. event.type", token.Position);
                }

                return Binder.Event(token.Position);
            case TokenKind.Identifier:
                throw binder.UnknownName(token);
            case TokenKind.End:
                throw Error("expected a value but the expression ends here", token.Position);
            default:
                throw Error($"expected a value, found {token.Describe()}", token.Position);
        }
    }

    private List<Node> ParseList(TokenKind close, string closing)
    {
        var items = new List<Node>();
        if (Current.Kind == close)
        {
            Advance();
            return items;
        }

        while (true)
        {
            items.Add(ParseExpression());
            if (Current.Kind == TokenKind.Comma)
            {
                Advance();
                continue;
            }

            Expect(close, $"',' or {closing}");
            return items;
        }
    }

    private void Enter()
    {
        if (++_depth > maxDepth)
        {
            throw Error($"expression nests too deeply (more than {maxDepth} levels)", Current.Position);
        }
    }

    private Token Advance() => tokens[_index++];

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Error($"expected {what} but found {Current.Describe()}", Current.Position);
        }

        return Advance();
    }

    private ExpressionException Error(string detail, int position) => new(detail, source, position);
}
