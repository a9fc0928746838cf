using CsCheck;
using Governance.Scoring;

namespace Governance.Alerting.Tests;

/// <summary>The score decays by event time: halves each half-life, and arrival order does not matter.</summary>
public sealed class DecayingScoreTests
{
    private static readonly TimeSpan HalfLife = TimeSpan.FromHours(12);
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<(double Weight, int Minute)[]> Signals =
        Gen.Select(Gen.Double[1, 100], Gen.Int[0, 60 * 24 * 7]).Array[1, 30];

    [Fact]
    public void AWeightHalvesAfterOneHalfLife()
    {
        var score = DecayingScore.Empty.Add(100, T0, HalfLife).Add(0, T0 + HalfLife, HalfLife);
        Assert.Equal(50, score.Value, 9);
    }

    [Fact]
    public void ArrivalOrderDoesNotChangeTheScore() =>
        Signals.Sample(signals =>
        {
            var inOrder = signals.OrderBy(s => s.Minute).Aggregate(DecayingScore.Empty, (a, s) => a.Add(s.Weight, T0.AddMinutes(s.Minute), HalfLife));
            var shuffled = signals.Reverse().Aggregate(DecayingScore.Empty, (a, s) => a.Add(s.Weight, T0.AddMinutes(s.Minute), HalfLife));
            return inOrder.At == shuffled.At && Math.Abs(inOrder.Value - shuffled.Value) <= 1e-9 * Math.Max(1, inOrder.Value);
        });

    [Fact]
    public void TheScoreIsTheSumOfEachWeightDecayedToTheLatestSignal() =>
        Signals.Sample(signals =>
        {
            var latest = T0.AddMinutes(signals.Max(s => s.Minute));
            var expected = signals.Sum(s => s.Weight * Math.Pow(2, -(latest - T0.AddMinutes(s.Minute)) / HalfLife));
            var score = signals.Aggregate(DecayingScore.Empty, (a, s) => a.Add(s.Weight, T0.AddMinutes(s.Minute), HalfLife));
            return score.At == latest && Math.Abs(score.Value - expected) <= 1e-9 * Math.Max(1, expected);
        });

    [Fact]
    public void ReplayingTheSameStreamLaterInWallClockScoresTheSame()
    {
        // Only event time enters the score: nothing here reads a clock, so a replay a week later matches.
        var live = DecayingScore.Empty.Add(45, T0, HalfLife).Add(25, T0.AddMinutes(30), HalfLife);
        var replay = DecayingScore.Empty.Add(45, T0, HalfLife).Add(25, T0.AddMinutes(30), HalfLife);
        Assert.Equal(live, replay);
        Assert.Equal(45 * Math.Pow(2, -0.5 / 12) + 25, live.Value, 9);
    }
}
