using Governance.Contracts;

namespace Governance.Rules.Windows;

/// <summary>
/// The evidence of a firing, defined so that it does not depend on how the input was cut into
/// batches: of the events that contributed to the firing's state up to and including the triggering
/// event (in input order), the newest <c>limit</c> by event time (the earlier contribution on a tie,
/// as a bounded ring keeps them), those inside (end − window, end], newest first.
/// </summary>
public static class FiringEvidence
{
    /// <summary>Selects the evidence from <paramref name="contributions"/>, given in input order.</summary>
    public static List<EvidenceItem> Select(IEnumerable<EvidenceItem> contributions, int limit, TimeSpan window, DateTimeOffset end) =>
        [.. contributions
            .OrderByDescending(e => e.OccurredAt) // stable: ties keep input order
            .Take(limit)
            .Where(e => e.OccurredAt > end - window && e.OccurredAt <= end)
            .OrderByDescending(e => e.OccurredAt)
            .ThenBy(e => e.EventId, StringComparer.Ordinal)];
}
