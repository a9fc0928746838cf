namespace Governance.Rules.Expressions;

/// <summary>The ordering comparisons.</summary>
internal enum Comparison
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>The arithmetic operators.</summary>
internal enum Arithmetic
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}
