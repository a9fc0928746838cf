using Governance.Contracts;

namespace Governance.Benchmarks;

/// <summary>
/// Signals shaped like the signal worker's output, deterministic per seed: about five per creator with a
/// hot tenth of the creators getting half of them, eight rules, severities low 40 % / medium 30 % / high
/// 20 % / critical 10 %, one in ten in shadow mode, event time moving forward, 3–10 evidence items and
/// reasons in both languages. So a run has creators that only score, alerts that open on two rules or one
/// critical signal, many revisions of open alerts, and shadow signals: the paths production takes.
/// </summary>
internal sealed class AlertingSignalMix(string prefix, int count, int seed = 7)
{
    private static readonly string[] Rules = ["refund-burst", "chargeback-ratio", "payment-ring", "account-takeover", "price-manipulation", "review-burst", "listing-spam", "card-testing"];
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly int _creators = Math.Max(1, count / 5);

    public RiskSignalDetected Signal(int i, DateTimeOffset detectedAt)
    {
        var random = new Random(HashCode.Combine(seed, i));
        var hot = Math.Max(1, _creators / 10);
        var creator = random.NextDouble() < 0.5 ? random.Next(hot) : random.Next(_creators);
        var rule = Rules[random.Next(Rules.Length)];
        var roll = random.NextDouble();
        var severity = roll < 0.4 ? "low" : roll < 0.7 ? "medium" : roll < 0.9 ? "high" : "critical";
        // Event time: about a signal per second across the stream, so a creator's signals span minutes to hours.
        var windowEnd = Start.AddSeconds(i);
        var creatorId = $"{prefix}-{creator}";
        var evidence = Enumerable.Range(0, random.Next(3, 11)).Select(e => new EvidenceItem
        {
            EventId = $"{creatorId}-e{i}-{e}",
            Type = e % 2 == 0 ? "order.refunded" : "order.paid",
            OccurredAt = windowEnd.AddSeconds(-60 * e),
        }).ToList();
        return new RiskSignalDetected
        {
            SignalId = $"{creatorId}:{rule}:{windowEnd.ToUnixTimeSeconds()}",
            CreatorId = creatorId,
            RuleId = rule,
            RuleVersion = "4f2c9a1b7e30",
            Severity = severity,
            Mode = random.Next(10) == 0 ? "shadow" : "enforce",
            Value = 3 + random.Next(20),
            Threshold = ">= 3",
            Window = "1h",
            WindowEnd = windowEnd,
            Evidence = evidence,
            DetectedAt = detectedAt,
            Reasons = new LocalizedReasons
            {
                En = [$"{evidence.Count} events of {rule} within 1h for creator {creatorId} (threshold 3)"],
                Es = [$"{evidence.Count} eventos de {rule} en 1h para el creador {creatorId} (umbral 3)"],
            },
        };
    }
}
