namespace Governance.Scoring;

/// <summary>
/// A sum of weights that halves every half-life of EVENT time (signals' window ends), kept as the
/// value at <see cref="At"/>. Because time is the signals' own, a replayed stream scores exactly as the
/// live one did, and the order signals arrive in does not change the result (up to rounding).
/// </summary>
public readonly record struct DecayingScore(double Value, DateTimeOffset At)
{
    /// <summary>No signal yet.</summary>
    public static DecayingScore Empty { get; } = new(0, DateTimeOffset.MinValue);

    /// <summary>Adds <paramref name="weight"/> observed at <paramref name="at"/>.</summary>
    public DecayingScore Add(double weight, DateTimeOffset at, TimeSpan halfLife)
    {
        if (Value == 0 && At == DateTimeOffset.MinValue)
        {
            return new DecayingScore(weight, at);
        }

        // A later signal moves the reference time forward (older weight decays); an earlier one
        // (out of order) arrives already decayed to the current reference time.
        return at >= At
            ? new DecayingScore(Value * Factor(at - At, halfLife) + weight, at)
            : new DecayingScore(Value + weight * Factor(At - at, halfLife), At);
    }

    /// <summary>2^(-elapsed / halfLife).</summary>
    public static double Factor(TimeSpan elapsed, TimeSpan halfLife) =>
        halfLife <= TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(halfLife)) : Math.Pow(2, -(elapsed / halfLife));
}
