using System.Globalization;
using Governance.Contracts;
using Governance.Rules.Model;

namespace Governance.Rules.Engine;

/// <summary>Turns a firing and its evidence into the <see cref="RiskSignalDetected"/> contract, reasons rendered.</summary>
public static class SignalFactory
{
    /// <summary>Builds the message.</summary>
    public static RiskSignalDetected Create(RuleFiring firing, IReadOnlyList<EvidenceItem> evidence, DateTimeOffset detectedAt)
    {
        ArgumentNullException.ThrowIfNull(firing);
        var d = firing.Rule.Definition;
        return new RiskSignalDetected
        {
            SignalId = SignalIds.Of(firing),
            CreatorId = firing.Event.CreatorId,
            RuleId = d.Id,
            RuleVersion = d.Version,
            Severity = d.Severity.ToString().ToLowerInvariant(),
            Mode = d.Mode.ToString().ToLowerInvariant(),
            Value = firing.Value,
            Threshold = d.Threshold.ToString(),
            Window = Duration.Format(d.Window),
            WindowEnd = firing.WindowEnd,
            Evidence = evidence.Count > 0
                ? evidence
                : [new EvidenceItem { EventId = firing.Event.EventId, Type = firing.Event.Type, OccurredAt = firing.Event.OccurredAt }],
            DetectedAt = detectedAt,
            Reasons = new LocalizedReasons { En = [Render(d.Reason.En, firing)], Es = [Render(d.Reason.Es, firing)] },
            GroupKey = firing.GroupKey,
        };
    }

    /// <summary>Fills a reason template's placeholders.</summary>
    public static string Render(string template, RuleFiring firing)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(firing);
        var d = firing.Rule.Definition;
        return RuleFileParser.Placeholder().Replace(template, m => m.Groups[1].Value switch
        {
            "value" => Number(firing.Value),
            "threshold" => d.Threshold.ToString(),
            "window" => Duration.Format(d.Window),
            "creatorId" => firing.Event.CreatorId,
            "ruleId" => d.Id,
            "count" => firing.Count is { } c ? Number(c) : "",
            "baseline" => firing.Baseline is { } b ? Number(b) : "",
            "key" => firing.GroupKey ?? "",
            _ => m.Value,
        });
    }

    private static string Number(double value) =>
        value is > 0 and < 0.01
            ? value.ToString("0.#E+0", CultureInfo.InvariantCulture) // a surprise rule's probability: "3.2E-9", not "0"
            : Math.Abs(value - Math.Round(value)) < 1e-9
                ? Math.Round(value).ToString("0", CultureInfo.InvariantCulture)
                : value.ToString("0.##", CultureInfo.InvariantCulture);
}
