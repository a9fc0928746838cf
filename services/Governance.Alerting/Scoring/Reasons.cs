using System.Globalization;
using Governance.Contracts;

namespace Governance.Alerting.Scoring;

/// <summary>
/// The alert's reasons in English and Spanish: a summary line, then each signal's reason as the signal
/// worker rendered it from the rule's template (it alone knows the firing's context: count, baseline,
/// key, and the exact rule version). A signal without reasons gets a plain line built from its fields.
/// </summary>
internal static class Reasons
{
    public static LocalizedReasons For(double score, string priority, IReadOnlyList<RiskSignalDetected> signals)
    {
        var rules = signals.Select(s => s.RuleId).Distinct(StringComparer.Ordinal).Count();
        var en = new List<string> { string.Create(CultureInfo.InvariantCulture, $"Risk score {score:0.#} ({priority}) from {signals.Count} signal(s) of {rules} rule(s)") };
        var es = new List<string> { string.Create(CultureInfo.InvariantCulture, $"Puntuación de riesgo {score:0.#} ({priority}) por {signals.Count} señal(es) de {rules} regla(s)") };
        foreach (var s in signals)
        {
            AddDistinct(en, s.Reasons?.En is { Count: > 0 } e ? e : [string.Create(CultureInfo.InvariantCulture, $"{s.RuleId}: value {s.Value:0.##} (threshold {s.Threshold}, window {s.Window})")]);
            AddDistinct(es, s.Reasons?.Es is { Count: > 0 } x ? x : [string.Create(CultureInfo.InvariantCulture, $"{s.RuleId}: valor {s.Value:0.##} (umbral {s.Threshold}, ventana {s.Window})")]);
        }

        return new LocalizedReasons { En = en, Es = es };
    }

    private static void AddDistinct(List<string> lines, IEnumerable<string> more)
    {
        foreach (var line in more)
        {
            if (!lines.Contains(line, StringComparer.Ordinal))
            {
                lines.Add(line);
            }
        }
    }
}
