using Dapper;
using Npgsql;

namespace Governance.Alerting.Storage;

/// <summary>Reads signals' stored JSON, for messages that carry signals <see cref="Scoring.ParsedSignals"/> does not hold.</summary>
internal static class StoredSignals
{
    /// <summary>The stored payloads of <paramref name="signalIds"/> that exist, by signal id (one round trip).</summary>
    public static async Task<Dictionary<string, string>> PayloadsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<string> signalIds, CancellationToken cancellationToken)
    {
        var payloads = new Dictionary<string, string>(signalIds.Count, StringComparer.Ordinal);
        if (signalIds.Count == 0)
        {
            return payloads;
        }

        foreach (var (id, payload) in await connection.QueryAsync<(string, string)>(new CommandDefinition(
            "SELECT signal_id, payload::text FROM signals WHERE signal_id = ANY(@ids)", new { ids = signalIds.ToArray() }, transaction, cancellationToken: cancellationToken)))
        {
            payloads[id] = payload;
        }

        return payloads;
    }
}
