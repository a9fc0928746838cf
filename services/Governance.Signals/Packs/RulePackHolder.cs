using Governance.Rules.Engine;

namespace Governance.Signals.Packs;

/// <summary>The pack in force. Swapped whole by the watcher; the pipeline reads it once per batch.</summary>
public sealed class RulePackHolder
{
    private RulePack? _current;

    /// <summary>The pack in force, or null before the first load.</summary>
    public RulePack? Current => Volatile.Read(ref _current);

    /// <summary>Puts <paramref name="pack"/> in force from the next batch on.</summary>
    public void Swap(RulePack pack) => Volatile.Write(ref _current, pack);
}
