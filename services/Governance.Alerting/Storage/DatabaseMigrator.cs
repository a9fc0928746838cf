using DbUp;
using DbUp.Helpers;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Governance.Alerting.Storage;

/// <summary>
/// Applies the embedded migrations at start, as the owner role, before the consumers start (it is
/// registered before MassTransit's hosted service). Then re-applies the grants, which are idempotent.
/// </summary>
internal sealed class DatabaseMigrator(IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.MigrationConnectionString))
        {
            return;
        }

        await using (var connection = new NpgsqlConnection(o.MigrationConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {o.Schema}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var assembly = typeof(DatabaseMigrator).Assembly;
        var migrations = DeployChanges.To.PostgresqlDatabase(o.MigrationConnectionString, o.Schema)
            .WithScriptsEmbeddedInAssembly(assembly, name => name.Contains(".Storage.Migrations.", StringComparison.Ordinal))
            .WithVariable("schema", o.Schema)
            .JournalToPostgresqlTable(o.Schema, "schema_versions")
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
        var result = migrations.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed", result.Error);
        }

        var grants = DeployChanges.To.PostgresqlDatabase(o.MigrationConnectionString, o.Schema)
            .WithScriptsEmbeddedInAssembly(assembly, name => name.Contains(".Storage.Always.", StringComparison.Ordinal))
            .WithVariable("schema", o.Schema)
            .WithVariable("service_role", o.ServiceRole)
            .WithVariable("readonly_role", o.ReadOnlyRole)
            .JournalTo(new NullJournal())
            .LogToNowhere()
            .Build();
        var granted = grants.PerformUpgrade();
        if (!granted.Successful)
        {
            throw new InvalidOperationException($"Grants {granted.ErrorScript?.Name} failed", granted.Error);
        }

        var applied = result.Scripts.Count();
        AlertingLog.Migrated(logger, o.Schema, applied);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
