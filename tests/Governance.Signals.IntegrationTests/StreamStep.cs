using CsCheck;

namespace Governance.Signals.IntegrationTests;

/// <summary>One input record of a <see cref="WindowStream"/>.</summary>
/// <param name="Kind">A new event, or an earlier one again.</param>
/// <param name="Earlier">For a repeat, how many records back the repeated one is.</param>
/// <param name="Creator">Which of three creators (its partition is the creator modulo 2).</param>
/// <param name="Forward">Seconds the stream's clock moves on before a new event.</param>
/// <param name="Back">Seconds a new event lies behind the clock (out of order; beyond the window, too late).</param>
/// <param name="Rules">Which states the event updates (see <see cref="WindowStream"/>).</param>
/// <param name="ReadOnly">The count is read, not added to.</param>
/// <param name="Quarters">What the event adds to the sum, in quarters (exact in binary: no rounding to tolerate).</param>
/// <param name="Item">Which of five buyers the distinct state counts.</param>
internal readonly record struct StreamStep(StepKind Kind, int Earlier, int Creator, int Forward, int Back, int Rules, bool ReadOnly, int Quarters, int Item)
{
    /// <summary>Steps for a window of <paramref name="window"/> seconds: the clock crosses it every few dozen events.</summary>
    public static Gen<StreamStep> Gen(int window) =>
        from kind in CsCheck.Gen.Frequency((8, StepKind.New), (1, StepKind.UpstreamDuplicate), (1, StepKind.Redelivery))
        from earlier in CsCheck.Gen.Int[0, 10]
        from creator in CsCheck.Gen.Int[0, 2]
        from forward in CsCheck.Gen.Int[0, Math.Max(1, window / 8)]
        from back in CsCheck.Gen.Frequency((6, 0), (3, 1), (1, 2)).SelectMany(reach => reach == 0 ? CsCheck.Gen.Const(0) : CsCheck.Gen.Int[0, reach * window])
        from rules in CsCheck.Gen.Int[0, 3]
        from readOnly in CsCheck.Gen.Bool
        from quarters in CsCheck.Gen.Int[1, 40]
        from item in CsCheck.Gen.Int[0, 4]
        select new StreamStep(kind, earlier, creator, forward, back, rules, readOnly, quarters, item);
}
