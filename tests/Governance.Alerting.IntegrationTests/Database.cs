using Dapper;
using Npgsql;

namespace Governance.Alerting.IntegrationTests;

/// <summary>Reads a test's schema as the owner.</summary>
internal static class Database
{
    public static async Task<T> ScalarAsync<T>(string schema, string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.OwnerConnectionString() + $";Search Path={schema}");
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException("no value: " + sql);
    }

    public static async Task<List<T>> QueryAsync<T>(string schema, string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.OwnerConnectionString() + $";Search Path={schema}");
        return [.. await connection.QueryAsync<T>(sql, parameters)];
    }

    public static async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return await condition();
    }
}
