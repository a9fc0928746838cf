using Dapper;
using Governance.Cli.Alerts;
using Npgsql;

namespace Governance.Cli.Watch;

/// <summary>
/// What the alerting service stored (read-only role): which of the signals the watcher saw are in its
/// <c>signals</c> table, and which alert revisions it wrote to the outbox since the watch began.
/// </summary>
internal sealed class StoreProbe : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _outboxFrom;

    private StoreProbe(NpgsqlConnection connection, long outboxFrom)
    {
        _connection = connection;
        _outboxFrom = outboxFrom;
    }

    /// <summary>Connects and notes where the outbox ends now.</summary>
    public static async Task<StoreProbe> OpenAsync(string connectionString, string schema, CancellationToken cancellationToken)
    {
        var connection = await AlertsDatabase.OpenAsync(connectionString, schema, cancellationToken);
        try
        {
            var from = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT coalesce(max(outbox_id), 0) FROM outbox", cancellationToken: cancellationToken));
            return new StoreProbe(connection, from);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<StoreCheck> CheckAsync(IReadOnlyList<string> signalIds, CancellationToken cancellationToken)
    {
        var stored = await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM signals WHERE signal_id = ANY(@ids)", new { ids = signalIds.ToArray() }, cancellationToken: cancellationToken));
        var outbox = (await _connection.QueryAsync<(Guid AlertId, int Revision, bool Sent)>(new CommandDefinition(
            "SELECT alert_id, revision, sent_at IS NOT NULL FROM outbox WHERE outbox_id > @from", new { from = _outboxFrom }, cancellationToken: cancellationToken)))
            .ToList();
        return new StoreCheck(stored, [.. outbox.Select(o => (o.AlertId.ToString("D"), o.Revision))], outbox.Count(o => !o.Sent));
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

/// <summary>The alerting database's side of the reconciliation.</summary>
/// <param name="SignalsStored">How many of the signals seen on RabbitMQ the service stored.</param>
/// <param name="Written">Alert revisions written to the outbox since the watch began.</param>
/// <param name="Unsent">Of those, rows not yet sent.</param>
internal sealed record StoreCheck(long SignalsStored, IReadOnlyList<(string AlertId, int Revision)> Written, int Unsent);
