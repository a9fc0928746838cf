using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Governance.Alerting.Scoring;

/// <summary>Ids derived from their inputs, so the same input gives the same id after a crash or on redelivery.</summary>
internal static class StableIds
{
    /// <summary>
    /// The <paramref name="ordinal"/>-th alert opened for <paramref name="creatorId"/> (from 1). Not the
    /// signal that opened it: which of a creator's near-simultaneous signals arrives last depends on
    /// batching and on which input topic lags, and a replay must give the same alert the same id.
    /// </summary>
    public static Guid Alert(string creatorId, int ordinal) => Hash(string.Create(CultureInfo.InvariantCulture, $"alert\0{creatorId}\0#{ordinal}"));

    /// <summary>The message of one alert revision (the MassTransit MessageId; consumers dedup on it).</summary>
    public static Guid Message(Guid alertId, int revision) => Hash(string.Create(CultureInfo.InvariantCulture, $"flagged\0{alertId:N}\0{revision}"));

    private static Guid Hash(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
