using Governance.Rules.Windows;
using Governance.Testing;

namespace Governance.Rules.Tests;

public sealed class ExactWindowStoreTests : WindowStoreContract
{
    protected override IWindowStore CreateStore() => new ExactWindowStore(Options);
}
