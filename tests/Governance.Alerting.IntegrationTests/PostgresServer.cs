using Npgsql;

namespace Governance.Alerting.IntegrationTests;

/// <summary>
/// The real PostgreSQL that scripts/infra.sh starts. Tests isolate themselves with a schema each
/// (dropped at the end), never by emptying shared tables. Owner and service roles as infra.sh creates them.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string Host = "127.0.0.1";
    public const int Port = 5432;

    /// <summary>The owner role (migrations); GOVERNANCE_PG_PASSWORD as for infra.sh.</summary>
    public static string OwnerConnectionString(int port = Port) =>
        $"Host={Host};Port={port};Database=governance;Username=governance;Password={Env("GOVERNANCE_PG_PASSWORD", "governance-dev")};Timeout=5;Command Timeout=15";

    /// <summary>The alerting service's own role (DML only).</summary>
    public static string ServiceConnectionString(int port = Port) =>
        $"Host={Host};Port={port};Database=governance;Username=governance_alerting;Password={Env("GOVERNANCE_ALERTING_PG_PASSWORD", "alerting-dev")};Timeout=5;Command Timeout=15";

    /// <summary>The read-only role (the CLI).</summary>
    public static string ReadOnlyConnectionString(int port = Port) =>
        $"Host={Host};Port={port};Database=governance;Username=governance_readonly;Password={Env("GOVERNANCE_READONLY_PG_PASSWORD", "readonly-dev")};Timeout=5;Command Timeout=15";

    public static string UniqueSchema() => "test_" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(OwnerConnectionString());
            await connection.OpenAsync();
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException("PostgreSQL does not answer at 127.0.0.1:5432 as governance: start it with scripts/infra.sh up.", ex);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static async Task DropSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;
}
