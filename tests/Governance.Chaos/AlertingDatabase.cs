using System.Diagnostics;
using Npgsql;

namespace Governance.Chaos;

/// <summary>
/// The local PostgreSQL (scripts/infra.sh) as a run's alerting service uses it: a schema per run
/// (dropped at the end), the owner and service roles infra.sh creates, and a real restart of the server
/// for the <c>postgres-restart</c> fault (root: pg_ctlcluster).
/// </summary>
public static class AlertingDatabase
{
    public static string OwnerConnectionString =>
        $"Host=127.0.0.1;Port=5432;Database=governance;Username=governance;Password={Env("GOVERNANCE_PG_PASSWORD", "governance-dev")};Timeout=5;Command Timeout=15";

    public static string ServiceConnectionString =>
        $"Host=127.0.0.1;Port=5432;Database=governance;Username=governance_alerting;Password={Env("GOVERNANCE_ALERTING_PG_PASSWORD", "alerting-dev")};Timeout=5;Command Timeout=15";

    public static string SchemaFor(string run) => "chaos_" + run.Replace('-', '_');

    /// <summary>Signals the service has taken in (its inbox) and outbox rows not yet sent; null while PostgreSQL does not answer or the schema is not there yet.</summary>
    public static async Task<(long Inbox, long Unsent)?> ProgressAsync(string schema)
    {
        try
        {
            await using var connection = new NpgsqlConnection(OwnerConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT (SELECT count(*) FROM {schema}.inbox), (SELECT count(*) FROM {schema}.outbox WHERE sent_at IS NULL)", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }
        catch (Exception ex) when (ex is NpgsqlException or PostgresException or InvalidOperationException)
        {
            return null;
        }
    }

    public static async Task DropSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Restarts the PostgreSQL cluster on port 5432 (fast shutdown: sessions are cut, as in a crash of the connection).</summary>
    public static string Restart()
    {
        var cluster = Run("pg_lsclusters", "--no-header").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(fields => fields.Length > 2 && fields[2] == "5432")
            ?? throw new InvalidOperationException("no PostgreSQL cluster on port 5432 (pg_lsclusters); start it with scripts/infra.sh up");
        Run("pg_ctlcluster", $"{cluster[0]} {cluster[1]} restart -m fast");
        return $"{cluster[0]}/{cluster[1]}";
    }

    private static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {error} (the postgres-restart fault needs root)");
    }

    private static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;
}
