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

    /// <param name="signalIds">The signals seen on RabbitMQ.</param>
    /// <param name="recent">Outbox rows sent less than this long ago may not have reached the queue yet.</param>
    public async Task<StoreCheck> CheckAsync(IEnumerable<string> signalIds, TimeSpan recent, CancellationToken cancellationToken)
    {
        var stored = (await _connection.QueryAsync<string>(new CommandDefinition(
            "SELECT signal_id FROM signals WHERE signal_id = ANY(@ids)", new { ids = signalIds.ToArray() }, cancellationToken: cancellationToken)))
            .ToHashSet(StringComparer.Ordinal);
        var outbox = (await _connection.QueryAsync<(Guid AlertId, int Revision, bool Recent)>(new CommandDefinition(
            "SELECT alert_id, revision, sent_at IS NULL OR sent_at > now() - @recent FROM outbox WHERE outbox_id > @from",
            new { from = _outboxFrom, recent }, cancellationToken: cancellationToken)))
            .ToList();
        return new StoreCheck(stored, [.. outbox.Select(o => (o.AlertId.ToString("D"), o.Revision, o.Recent))]);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

/// <summary>The alerting database's side of the reconciliation.</summary>
/// <param name="Stored">Which of the signals seen on RabbitMQ the service stored.</param>
/// <param name="Written">Alert revisions written to the outbox since the watch began; recent: not sent yet, or only just.</param>
internal sealed record StoreCheck(IReadOnlySet<string> Stored, IReadOnlyList<(string AlertId, int Revision, bool Recent)> Written);
