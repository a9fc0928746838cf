using System.Text.Json;
using Governance.Contracts;

namespace Governance.Rules.Tests;

public sealed class RuleEventTests
{
    [Fact]
    public void CarriesCoreFieldsAndAttributes()
    {
        var source = new CreatorEvent
        {
            EventId = "e", Source = EventSource.Transaction, Type = "order.placed", CreatorId = "c",
            OccurredAt = DateTimeOffset.UnixEpoch, IngestedAt = DateTimeOffset.UnixEpoch,
            Attributes = new Dictionary<string, JsonElement> { ["amount"] = JsonDocument.Parse("12.5").RootElement },
        };

        var e = RuleEvent.From(source);

        Assert.Equal("transaction", e.Source);
        Assert.Equal(12.5, e.Attributes["amount"].GetDouble());
    }
}
