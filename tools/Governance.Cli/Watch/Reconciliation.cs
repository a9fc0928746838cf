using System.Globalization;

namespace Governance.Cli.Watch;

/// <summary>
/// Nothing lost between the stages: events in = normalized + dead-lettered; signals published = stored
/// by the alerting service; alert revisions written to its outbox = received from the moderation queue's
/// exchange. Each line says what balances and what does not.
/// </summary>
internal sealed record Reconciliation(IReadOnlyList<ReconciliationLine> Lines)
{
    /// <summary>Nothing found missing (lines not checked or still in flight do not count against it).</summary>
    public bool Balanced => Lines.All(l => l.State != LineState.Missing);

    /// <summary>Every checked line balances: nothing in flight, nothing missing.</summary>
    public bool Settled => Lines.All(l => l.State is LineState.Balanced or LineState.NotChecked);

    public static Reconciliation Of(ReconciliationCounts c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new Reconciliation([Events(c), Signals(c), Alerts(c)]);
    }

    private static ReconciliationLine Events(ReconciliationCounts c)
    {
        // Records in flight at the start (the ingestion lag then) come out during the watch; those in flight at the end do not yet.
        var expected = c.Input + (c.BacklogAtStart ?? 0) - (c.BacklogAtEnd ?? 0);
        var outcome = c.Normalized + c.DeadLettered;
        var text = I($"events in {c.Input:N0} = normalized {c.Normalized:N0} + dead-lettered {c.DeadLettered:N0}");
        if (c.BacklogAtStart > 0)
        {
            text = I($"events in {c.Input:N0} + {c.BacklogAtStart:N0} waiting at the start = normalized {c.Normalized:N0} + dead-lettered {c.DeadLettered:N0}");
        }

        if (c.BacklogAtEnd > 0)
        {
            text += I($" + {c.BacklogAtEnd:N0} still in flight");
        }

        var moving = c.BacklogAtEnd > 0 ? LineState.InFlight : LineState.Balanced;
        return outcome == expected
            ? new ReconciliationLine("events", text + ": nothing lost", moving)
            : outcome > expected
                ? new ReconciliationLine("events", text.Replace(" = ", " < ", StringComparison.Ordinal) + I($": {outcome - expected:N0} more out (repeats of at-least-once delivery, or records after the end), nothing lost"), moving)
                : new ReconciliationLine("events", text.Replace(" = ", " > ", StringComparison.Ordinal) + I($": {expected - outcome:N0} MISSING"), LineState.Missing);
    }

    private static ReconciliationLine Signals(ReconciliationCounts c)
    {
        var repeats = c.SignalDeliveries > c.SignalsPublished ? I($" ({c.SignalDeliveries - c.SignalsPublished:N0} delivered twice)") : "";
        if (c.SignalsStored is not { } stored)
        {
            return new ReconciliationLine("signals", I($"signals {c.SignalsPublished:N0} published{repeats}; stored: not checked ({c.StoreProblem ?? "no database"})"), LineState.NotChecked);
        }

        var missing = c.SignalsPublished - stored;
        var text = I($"signals {c.SignalsPublished:N0} published {(missing == 0 ? "=" : ">")} {stored:N0} stored by alerting{repeats}");
        return missing == 0
            ? new ReconciliationLine("signals", text + ": nothing lost", LineState.Balanced)
            : missing <= (c.SignalsInFlight ?? 0)
                ? new ReconciliationLine("signals", text + I($": {missing:N0} only just published, not stored yet"), LineState.InFlight)
                : new ReconciliationLine("signals", text + I($": {missing - (c.SignalsInFlight ?? 0):N0} MISSING"), LineState.Missing);
    }

    private static ReconciliationLine Alerts(ReconciliationCounts c)
    {
        var repeats = c.RevisionDeliveries > c.Received ? I($" ({c.RevisionDeliveries - c.Received:N0} delivered twice)") : "";
        if (c.Written is not { } written)
        {
            return new ReconciliationLine("alerts", I($"alerts {c.Received:N0} revisions queued{repeats}; outbox: not checked ({c.StoreProblem ?? "no database"})"), LineState.NotChecked);
        }

        var missing = c.Missing ?? 0;
        var unsent = c.InFlight ?? 0;
        var queued = written - missing - c.Superseded;
        var extra = c.Received - queued;
        var superseded = c.Superseded > 0 ? I($" + {c.Superseded:N0} superseded by a newer revision before sending") : "";
        var text = I($"alerts {written:N0} revisions written by alerting = {queued:N0} queued to moderation.creator-alerts{superseded}{repeats}");
        if (extra > 0)
        {
            text += I($" (and {extra:N0} written before the start or elsewhere)");
        }

        if (missing == 0)
        {
            return new ReconciliationLine("alerts", text + ": nothing lost", LineState.Balanced);
        }

        return unsent >= missing
            ? new ReconciliationLine("alerts", text.Replace(" = ", " > ", StringComparison.Ordinal) + I($": {missing:N0} not sent yet, or only just"), LineState.InFlight)
            : new ReconciliationLine("alerts", text.Replace(" = ", " > ", StringComparison.Ordinal) + I($": {missing - unsent:N0} MISSING"), LineState.Missing);
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One stage's balance, as printed.</summary>
internal sealed record ReconciliationLine(string Stage, string Text, LineState State);

/// <summary>How a stage balances.</summary>
internal enum LineState
{
    /// <summary>Everything that went in came out.</summary>
    Balanced,

    /// <summary>Not everything came out yet, and what is missing is still waiting upstream.</summary>
    InFlight,

    /// <summary>Something went in and did not come out.</summary>
    Missing,

    /// <summary>The other side could not be read (no database).</summary>
    NotChecked,
}

/// <summary>The counts the reconciliation compares.</summary>
/// <param name="Input">Records on the input topics since the start.</param>
/// <param name="Normalized">Events on governance.events.v1 since the start.</param>
/// <param name="DeadLettered">Dead letters of input records since the start.</param>
/// <param name="BacklogAtStart">Ingestion's lag when the watch began.</param>
/// <param name="BacklogAtEnd">Ingestion's lag at the end.</param>
/// <param name="SignalsPublished">Distinct signals received.</param>
/// <param name="SignalDeliveries">Signal messages received, repeats included.</param>
/// <param name="SignalsStored">Of those, stored by the alerting service; null when not checked.</param>
/// <param name="SignalsInFlight">Of those not stored, the ones received only seconds ago.</param>
/// <param name="Written">Alert revisions written to the outbox since the start; null when not checked.</param>
/// <param name="Received">Distinct alert revisions received from the moderation queue's exchange.</param>
/// <param name="RevisionDeliveries">Alert messages received, repeats included.</param>
/// <param name="Missing">Written revisions not received.</param>
/// <param name="InFlight">Of the missing ones, those the outbox has not sent yet, or only seconds ago.</param>
/// <param name="StoreProblem">Why the database was not checked.</param>
internal sealed record ReconciliationCounts(
    long Input,
    long Normalized,
    long DeadLettered,
    long? BacklogAtStart,
    long? BacklogAtEnd,
    long SignalsPublished,
    long SignalDeliveries,
    long? SignalsStored,
    long? SignalsInFlight,
    long? Written,
    long Received,
    long RevisionDeliveries,
    long? Missing,
    long? InFlight,
    string? StoreProblem,
    long Superseded = 0);
