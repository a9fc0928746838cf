using Governance.SampleData.Simulation;

namespace Governance.SampleData.Tests;

/// <summary>A marketplace small enough for unit tests: 300 creators, 4 events/s, 10 hours (~150,000 events; patterns take up to 8 h).</summary>
internal static class SmallMarketplace
{
    public static SimulationOptions Options(int seed = 7) => new() { Seed = seed, Creators = 300, Rate = 4, Duration = TimeSpan.FromHours(10) };

    /// <summary>One read of the seed-7 stream, shared by the tests that only look at it.</summary>
    public static readonly Lazy<(MarketplaceSimulation Simulation, IReadOnlyList<SimulatedRecord> Events)> Seed7 = new(() =>
    {
        var simulation = new MarketplaceSimulation(Options());
        return (simulation, simulation.Events().ToList());
    });
}
