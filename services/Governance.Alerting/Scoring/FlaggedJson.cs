using System.Text;
using System.Text.Json;
using Governance.Contracts;

namespace Governance.Alerting.Scoring;

/// <summary>
/// Serializes a CreatorFlagged whose signals are already JSON (their stored payloads, written by the same
/// serializer): the message is serialized with no signals and the payloads are spliced into its empty
/// <c>signals</c> array. The bytes are those of serializing the whole message; what is saved is turning
/// up to 100 signals back into JSON for every revision of an alert.
/// </summary>
internal static class FlaggedJson
{
    // Quotes inside string values are escaped by the serializer, so this can only be the property itself.
    private const string EmptySignals = "\"signals\":[]";

    public static string Serialize(CreatorFlagged message, IReadOnlyList<string> signals)
    {
        var json = JsonSerializer.Serialize(message with { Signals = [] }, GovernanceJsonContext.Default.CreatorFlagged);
        var at = json.IndexOf(EmptySignals, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("CreatorFlagged serialized without a 'signals' property");
        }

        var open = at + EmptySignals.Length - 1;
        var text = new StringBuilder(json.Length + signals.Sum(s => s.Length + 1));
        text.Append(json, 0, open);
        for (var i = 0; i < signals.Count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(signals[i]);
        }

        return text.Append(json, open, json.Length - open).ToString();
    }
}
