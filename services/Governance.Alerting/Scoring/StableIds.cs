using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Governance.Alerting.Scoring;

/// <summary>Ids derived from their inputs, so the same input gives the same id after a crash or on redelivery.</summary>
internal static class StableIds
{
    /// <summary>The alert opened for <paramref name="creatorId"/> by signal <paramref name="signalId"/>.</summary>
    public static Guid Alert(string creatorId, string signalId) => Hash("alert\0" + creatorId + "\0" + signalId);

    /// <summary>The message of one alert revision (the MassTransit MessageId; consumers dedup on it).</summary>
    public static Guid Message(Guid alertId, int revision) => Hash(string.Create(CultureInfo.InvariantCulture, $"flagged\0{alertId:N}\0{revision}"));

    private static Guid Hash(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
