using Governance.Rules.Windows;

namespace Governance.Redis.Windows;

/// <summary>A creator's write held back until its signals' evidence is read and its too-late events are dead-lettered.</summary>
internal sealed record DeferredWrite(int Index, CreatorWindowState State, IReadOnlyList<DecidedSignal> Decided, List<TooLateEvent>? TooLate, StateChanges Changes);
