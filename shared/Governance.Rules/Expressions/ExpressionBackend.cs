namespace Governance.Rules.Expressions;

/// <summary>How a checked expression is turned into code. Both give the same results; see docs/expression-engines.md.</summary>
public enum ExpressionBackend
{
    /// <summary>A tree of node objects that evaluate themselves: cheap to build, no code generation.</summary>
    ClosureTree,

    /// <summary>A System.Linq.Expressions lambda compiled to IL: slower to build, fewer calls per evaluation.</summary>
    CompiledLambda,
}
