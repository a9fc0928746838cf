using System.CommandLine;
using Npgsql;

namespace Governance.Cli.Alerts;

/// <summary>
/// The CLI's PostgreSQL access: the read-only role by default (<c>GOVERNANCE_CLI_PG</c> or <c>--db</c>),
/// the alerting service's schema (<c>--schema</c>).
/// </summary>
internal static class AlertsDatabase
{
    /// <summary>Local development default (infra.sh creates the role); not a secret.</summary>
    public const string LocalReadOnly = "Host=127.0.0.1;Port=5432;Database=governance;Username=governance_readonly;Password=readonly-dev";

    public static Option<string> ConnectionOption() => new("--db")
    {
        Description = "PostgreSQL connection string (default: GOVERNANCE_CLI_PG, else the local read-only role).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GOVERNANCE_CLI_PG") is { Length: > 0 } c ? c : LocalReadOnly,
    };

    public static Option<string> SchemaOption() => new("--schema") { Description = "Schema of the alerting tables.", DefaultValueFactory = _ => "alerting" };

    public static async Task<NpgsqlConnection> OpenAsync(string connectionString, string schema, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var probe = new NpgsqlCommand("SELECT to_regclass('alerts') IS NOT NULL", connection);
        if (await probe.ExecuteScalarAsync(cancellationToken) is not true)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException($"schema '{schema}' has no alerting tables (or this role may not read them): start the alerting service once, it applies its migrations and grants.");
        }

        return connection;
    }
}
