namespace Governance.Rules.Windows;

/// <summary>
/// One change to one window state for one event. <see cref="Apply"/> false reads the state as of the
/// event without changing it (e.g. the other side of a ratio).
/// </summary>
/// <param name="Kind">Series or distinct.</param>
/// <param name="Key">State key relative to the creator (rule state hash, optional group key).</param>
/// <param name="Window">Window length.</param>
/// <param name="Buckets">Buckets a series keeps over the window (bucket width = window / buckets).</param>
/// <param name="Delta">What a series adds (1 for count).</param>
/// <param name="Item">What a distinct state counts.</param>
/// <param name="Apply">False: read only.</param>
/// <param name="KeepEvidence">Remember this event as evidence of the state.</param>
public readonly record struct StateUpdate(UpdateKind Kind, string Key, TimeSpan Window, int Buckets, double Delta, string? Item, bool Apply, bool KeepEvidence)
{
    /// <summary>For a grouped rule's state, the rule's state key: the store caps how many keys one rule keeps per creator.</summary>
    public string? Family { get; init; }
}
