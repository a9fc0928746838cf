namespace Governance.Rules.Windows;

/// <summary>The two kinds of window state.</summary>
public enum UpdateKind
{
    /// <summary>A sliding sum (count = sum of 1s), kept in time buckets.</summary>
    Series,

    /// <summary>A sliding distinct count of items, kept exactly (item → last seen).</summary>
    Distinct,
}
