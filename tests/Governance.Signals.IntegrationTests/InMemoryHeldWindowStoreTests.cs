using Governance.Redis;
using Governance.Rules.Windows;
using Governance.Testing;

namespace Governance.Signals.IntegrationTests;

/// <summary>The held-state store over hashes in memory (what backtests and rules tests run) passes the same contract as over Redis.</summary>
public sealed class InMemoryHeldWindowStoreTests : WindowStoreContract
{
    protected override IWindowStore CreateStore() => HeldWindowStore.InMemory(Options);
}
