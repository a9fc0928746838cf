using Governance.Contracts;

namespace Governance.Benchmarks;

/// <summary>
/// Signals shaped like the signal worker's output, deterministic per seed: the fifteen rules of rules/ before 2026-12-07
/// (device-ring-addresses, added then, is left out so figures stay comparable)
/// with their severities, modes and cooldowns (a creator and rule fire again only after the cooldown, as
/// the worker enforces), event time moving one second per signal, creators skewed (half the signals go to
/// a tenth of them, until their rules are cooling down), 3–10 evidence items, reasons in both languages.
/// So a run has creators that only score, alerts opened by one critical signal or by two rules, revisions
/// of open alerts, and shadow signals: the paths production takes.
/// </summary>
internal sealed class AlertingSignalMix
{
    private static readonly (string Id, string Severity, string Mode, TimeSpan Cooldown)[] Rules =
    [
        ("chargeback-burst", "critical", "enforce", TimeSpan.FromHours(24)), ("chargeback-ratio", "critical", "enforce", TimeSpan.FromDays(7)),
        ("counterfeit-listing", "high", "enforce", TimeSpan.FromHours(24)), ("device-ring", "high", "enforce", TimeSpan.FromHours(24)),
        ("health-claims", "high", "enforce", TimeSpan.FromHours(24)), ("inflated-list-price", "medium", "enforce", TimeSpan.FromDays(7)),
        ("live-price-changes", "medium", "enforce", TimeSpan.FromHours(2)), ("off-platform-payment", "medium", "shadow", TimeSpan.FromHours(24)),
        ("order-surge", "high", "enforce", TimeSpan.FromHours(6)), ("payment-ring", "critical", "enforce", TimeSpan.FromHours(24)),
        ("price-hike-before-discount", "medium", "enforce", TimeSpan.FromDays(3)), ("refund-burst", "high", "enforce", TimeSpan.FromHours(2)),
        ("refund-ratio", "high", "enforce", TimeSpan.FromHours(24)), ("self-purchase", "high", "enforce", TimeSpan.FromDays(7)),
        ("wash-trading", "high", "enforce", TimeSpan.FromHours(24)),
    ];

    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _prefix;
    private readonly (int Creator, int Rule, int Evidence)[] _plan;

    public AlertingSignalMix(string prefix, int count, int seed = 7)
    {
        _prefix = prefix;
        var random = new Random(seed);
        var creators = Math.Max(10, count / 3);
        var hot = creators / 10;
        var lastFired = new Dictionary<(int, int), DateTimeOffset>();
        _plan = new (int, int, int)[count];
        for (var i = 0; i < count; i++)
        {
            var at = Start.AddSeconds(i);
            while (true)
            {
                var creator = random.NextDouble() < 0.5 ? random.Next(hot) : random.Next(creators);
                var rule = Enumerable.Range(0, 4).Select(_ => random.Next(Rules.Length))
                    .FirstOrDefault(r => !lastFired.TryGetValue((creator, r), out var last) || at - last >= Rules[r].Cooldown, -1);
                if (rule >= 0)
                {
                    lastFired[(creator, rule)] = at;
                    _plan[i] = (creator, rule, random.Next(3, 11));
                    break;
                }
            }
        }
    }

    public RiskSignalDetected Signal(int i, DateTimeOffset detectedAt)
    {
        var (creator, ruleIndex, evidenceCount) = _plan[i];
        var rule = Rules[ruleIndex];
        var windowEnd = Start.AddSeconds(i);
        var creatorId = $"{_prefix}-{creator}";
        var evidence = Enumerable.Range(0, evidenceCount).Select(e => new EvidenceItem
        {
            EventId = $"{creatorId}-e{i}-{e}",
            Type = e % 2 == 0 ? "order.refunded" : "order.paid",
            OccurredAt = windowEnd.AddSeconds(-60 * e),
        }).ToList();
        return new RiskSignalDetected
        {
            SignalId = $"{creatorId}:{rule.Id}:{windowEnd.ToUnixTimeSeconds()}",
            CreatorId = creatorId,
            RuleId = rule.Id,
            RuleVersion = "4f2c9a1b7e30",
            Severity = rule.Severity,
            Mode = rule.Mode,
            Value = 3 + (i % 20),
            Threshold = ">= 3",
            Window = "1h",
            WindowEnd = windowEnd,
            Evidence = evidence,
            DetectedAt = detectedAt,
            Reasons = new LocalizedReasons
            {
                En = [$"{evidence.Count} events of {rule.Id} within 1h for creator {creatorId} (threshold 3)"],
                Es = [$"{evidence.Count} eventos de {rule.Id} en 1h para el creador {creatorId} (umbral 3)"],
            },
        };
    }
}
