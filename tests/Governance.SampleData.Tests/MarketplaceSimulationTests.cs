using System.Text;
using System.Text.Json;
using Governance.Contracts;
using Governance.SampleData.Simulation;
using Governance.Validation;

namespace Governance.SampleData.Tests;

public sealed class MarketplaceSimulationTests
{
    [Fact]
    public void TheSameSeedGivesTheSameStreamAndTruthAndAnotherSeedDoesNot()
    {
        var options = SmallMarketplace.Options() with { Duration = TimeSpan.FromHours(1), Creators = 150 };
        var first = new MarketplaceSimulation(options);
        var again = new MarketplaceSimulation(options);
        var other = new MarketplaceSimulation(options with { Seed = 8 });

        Assert.Equal(first.Truth, again.Truth);
        Assert.Equal(first.Events().Select(r => r.Record), again.Events().Select(r => r.Record));
        Assert.NotEqual(first.Events().Take(50).Select(r => r.Record.Value), other.Events().Take(50).Select(r => r.Record.Value));
    }

    [Fact]
    public void EveryAbusePatternAndEveryTrapIsCastWithItsLabel()
    {
        var truth = SmallMarketplace.Seed7.Value.Simulation.Truth;

        foreach (var pattern in Patterns.Abuse)
        {
            Assert.True(truth.Count(t => t.Pattern == pattern && t.Label == TruthEntry.Abuse) >= 2, pattern);
        }

        foreach (var pattern in Patterns.Traps)
        {
            Assert.True(truth.Count(t => t.Pattern == pattern && t.Label == TruthEntry.Honest) >= 2, pattern);
        }

        Assert.Equal(truth.Count, truth.Select(t => t.CreatorId).Distinct().Count());
    }

    [Theory]
    [InlineData("refund-burst", "order.refunded")]
    [InlineData("chargeback-burst", "chargeback.opened")]
    [InlineData("order-surge", "order.placed")]
    [InlineData("wash-trading", "order.placed")]
    [InlineData("payment-ring", "order.placed")]
    [InlineData("device-ring", "order.placed")]
    [InlineData("price-hike-before-discount", "product.price_changed")]
    [InlineData("live-price-changes", "product.price_changed")]
    public void TheFirstAbusiveEventOfTheTruthIsInTheStream(string pattern, string type)
    {
        var (simulation, events) = SmallMarketplace.Seed7.Value;

        foreach (var entry in simulation.Truth.Where(t => t.Pattern == pattern))
        {
            var first = events.Where(r => r.Record.Key == entry.CreatorId && r.OccurredAt == entry.FirstEventAt).Select(r => Parse(r)).ToList();
            Assert.Contains(first, e => e.GetProperty("type").GetString() == type);
            Assert.Contains(events, r => r.Record.Key == entry.CreatorId && r.OccurredAt == entry.CompletedAt);
            Assert.True(entry.CompletedAt >= entry.FirstEventAt);
        }
    }

    [Fact]
    public void SelfPurchasesAreOrdersWhoseBuyerIsTheCreatorOrTheSeller()
    {
        var (simulation, events) = SmallMarketplace.Seed7.Value;

        foreach (var entry in simulation.Truth.Where(t => t.Pattern == "self-purchase"))
        {
            var order = Parse(events.Single(r => r.Record.Key == entry.CreatorId && r.OccurredAt == entry.FirstEventAt));
            var buyer = order.GetProperty("buyerId").GetString();
            Assert.True(buyer == entry.CreatorId || (order.TryGetProperty("sellerId", out var seller) && seller.GetString() == buyer), order.ToString());
        }
    }

    [Fact]
    public void ContentAbuseIsWrittenInTheCreatorsLanguage()
    {
        var (simulation, events) = SmallMarketplace.Seed7.Value;
        var languages = new HashSet<string>();

        foreach (var entry in simulation.Truth.Where(t => t.Pattern is "health-claims" or "counterfeit-listing" or "off-platform-payment"))
        {
            var post = Parse(events.First(r => r.Record.Key == entry.CreatorId && r.OccurredAt == entry.FirstEventAt));
            Assert.False(string.IsNullOrWhiteSpace(post.GetProperty("text").GetString()));
            languages.Add(post.GetProperty("locale").GetString()![..2]);
        }

        Assert.Equal(["en", "es"], languages.Order());
    }

    [Fact]
    public void EveryRecordPassesIngestionValidationAndIsKeyedByItsCreator()
    {
        var events = SmallMarketplace.Seed7.Value.Events;
        var normalizer = new EventNormalizer(new ValidationLimits(), TimeProvider.System);
        var ids = new HashSet<string>(StringComparer.Ordinal);

        foreach (var r in events)
        {
            var source = r.Record.Topic == Topics.Content ? EventSource.Content : EventSource.Transaction;
            Assert.True(normalizer.TryNormalize(Encoding.UTF8.GetBytes(r.Record.Value), source, out _, out var rejection), $"{rejection?.Reason}: {r.Record.Value}");
            Assert.Equal(r.Record.Key, Parse(r).GetProperty("creatorId").GetString());
            Assert.True(ids.Add(r.Record.EventId), "duplicate eventId " + r.Record.EventId);
        }
    }

    [Fact]
    public void EventTimesHaveTheDensityOfTheRateAndActivityIsSkewed()
    {
        var options = SmallMarketplace.Options();
        var events = SmallMarketplace.Seed7.Value.Events;
        var expected = options.Rate * options.Duration.TotalSeconds;

        // The day's rhythm moves the rate by up to ±35 % around its daily mean.
        Assert.InRange(events.Count, expected * 0.7, expected * 1.35);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.OccurredAt <= p.Second.OccurredAt), "not in event-time order");
        Assert.All(events, r => Assert.InRange(r.OccurredAt, options.Start, options.Start + options.Duration));
        var perCreator = events.GroupBy(r => r.Record.Key).Select(g => g.Count()).OrderDescending().ToList();
        Assert.True(perCreator[0] > 20 * perCreator[perCreator.Count / 2], $"busiest {perCreator[0]}, median {perCreator[perCreator.Count / 2]}");
        Assert.Contains(events, r => r.Record.Topic == Topics.Content);
        Assert.Contains(events, r => r.Record.Topic == Topics.Transactions);
    }

    [Fact]
    public void ALaggingSourceArrivesBehindItsEventTimeAndNothingIsLost()
    {
        var options = SmallMarketplace.Options() with { Duration = TimeSpan.FromHours(1), Creators = 150, TransactionLag = TimeSpan.FromMinutes(30) };
        var simulation = new MarketplaceSimulation(options);

        var delivered = simulation.Deliveries().ToList();

        Assert.True(delivered.Zip(delivered.Skip(1)).All(p => p.First.ArrivesAt <= p.Second.ArrivesAt), "not in arrival order");
        Assert.All(delivered, r => Assert.Equal(r.Record.Topic == Topics.Transactions ? TimeSpan.FromMinutes(30) : TimeSpan.Zero, r.ArrivesAt - r.OccurredAt));
        Assert.Equal(simulation.Events().Select(r => r.Record.EventId).Order(StringComparer.Ordinal), delivered.Select(r => r.Record.EventId).Order(StringComparer.Ordinal));
        // The first half hour of arrivals is content only: transactions are still on their way.
        Assert.All(delivered.TakeWhile(r => r.ArrivesAt < options.Start + TimeSpan.FromMinutes(30)), r => Assert.Equal(Topics.Content, r.Record.Topic));
    }

    [Fact]
    public void AShortStreamLabelsOnlyWhatHappensInsideIt()
    {
        var options = SmallMarketplace.Options() with { Duration = TimeSpan.FromMinutes(30), Creators = 150 };
        var simulation = new MarketplaceSimulation(options);
        var events = simulation.Events().ToList();

        Assert.NotEmpty(events);
        Assert.All(events, r => Assert.True(r.OccurredAt < options.Start + options.Duration));
        Assert.All(simulation.Truth, t => Assert.InRange(t.FirstEventAt, options.Start, t.CompletedAt));
        Assert.All(simulation.Truth, t => Assert.True(t.CompletedAt <= options.Start + options.Duration, t.ToString()));
        Assert.True(simulation.Truth.Count < SmallMarketplace.Seed7.Value.Simulation.Truth.Count, "long patterns cannot fit in 30 minutes");
    }

    [Fact]
    public void TruthFilesRoundTripAsJsonLinesAndCsv()
    {
        var truth = SmallMarketplace.Seed7.Value.Simulation.Truth;
        var folder = Directory.CreateTempSubdirectory("truth-");
        try
        {
            foreach (var name in new[] { "t.jsonl", "t.csv" })
            {
                var path = Path.Combine(folder.FullName, name);
                TruthFile.Write(path, truth);
                Assert.Equal(truth, TruthFile.Read(path));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static JsonElement Parse(SimulatedRecord r) => JsonDocument.Parse(r.Record.Value).RootElement;
}
