using Governance.Rules.Expressions;

namespace Governance.Rules.Tests.Expressions;

public sealed class FuzzTests
{
    private static readonly string[] Pieces =
    [
        "event", ".", "type", "amount", "campaign", "(", ")", "[", "]", ",", "'", "\"", "\\", "==", "=", "!", "&&", "&", "||",
        "<", ">=", "+", "-", "*", "/", "%", "?", ":", "in", "null", "true", "1", "2.5e", "1e3", "len", "matches", "coalesce",
        "has", "'food'", "'x'", " ", "\n", "é", "#", "\u0000", "lower", "min", "round", "hour",
    ];

    [Fact]
    public void RandomGarbageNeverCrashesTheCompilerWithAnythingButExpressionException()
    {
        var random = new Random(20250304);
        for (var i = 0; i < 20_000; i++)
        {
            var source = random.Next(4) == 0 ? RandomChars(random) : RandomPieces(random);
            try
            {
                var compiled = Expr.Compile(source);
                try
                {
                    compiled.Evaluate(Events.Order);
                }
                catch (ExpressionRuntimeException)
                {
                }
            }
            catch (ExpressionException)
            {
            }
        }
    }

    private static string RandomPieces(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => Pieces[random.Next(Pieces.Length)]));

    private static string RandomChars(Random random) =>
        new([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => (char)random.Next(0, 128))]);
}
