using Governance.Rules.Expressions;

namespace Governance.Rules.Tests.Expressions;

public sealed class LimitTests
{
    [Fact]
    public void ExpressionsLongerThan4096CharactersAreRejected()
    {
        var ok = "event.amount > 1" + string.Concat(Enumerable.Repeat(" ", 4096 - 16));
        Assert.Equal(4096, ok.Length);
        Expr.Compile(ok);

        var error = Expr.CompileError(ok + " ");
        Assert.Equal("expression is longer than 4096 characters (4097)", error.Detail);
        Assert.Equal(4096, error.Position);
    }

    [Fact]
    public void NestingDeeperThan64LevelsIsRejectedWithoutExhaustingTheStack()
    {
        Expr.Compile(new string('(', 60) + "1" + new string(')', 60));
        var error = Expr.CompileError(new string('(', 2000) + "1" + new string(')', 2000));
        Assert.Equal("expression nests too deeply (more than 64 levels)", error.Detail);
        Assert.InRange(error.Position, 60, 70);
    }

    [Fact]
    public void DeepUnaryChainsAreRejected() =>
        Assert.Equal("expression nests too deeply (more than 64 levels)", Expr.CompileError(new string('!', 200) + "true").Detail);

    [Fact]
    public void LongOperatorChainsCountAsNesting()
    {
        Expr.Compile(string.Join(" + ", Enumerable.Repeat("1", 60)));
        var error = Expr.CompileError(string.Join(" + ", Enumerable.Repeat("1", 200)));
        Assert.Equal("expression nests too deeply (more than 64 levels)", error.Detail);
    }

    [Fact]
    public void LongAndOrChainsStayFlat()
    {
        var chain = string.Join(" || ", Enumerable.Range(0, 150).Select(i => $"event.type == 't{i}'"));
        Assert.InRange(chain.Length, 1000, 4096);
        Assert.False(Expr.IsTrue(chain));
    }

    [Fact]
    public void LimitsAreConfigurable()
    {
        var environment = new ExpressionEnvironment { MaxLength = 10, MaxDepth = 3 };
        Assert.Throws<ExpressionException>(() => ExpressionCompiler.Compile("event.amount", environment));
        Assert.Throws<ExpressionException>(() => ExpressionCompiler.Compile("((((1))))", environment));
    }
}
