using Governance.Testing;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Governance.Alerting.IntegrationTests;

/// <summary>
/// The credentials scripts/infra.sh creates work inside their grants and are refused outside them:
/// PostgreSQL's service role writes rows (and deletes those retention prunes) but cannot drop, alter or rewrite the audit; the read-only
/// role only reads; RabbitMQ's alerting user cannot touch another service's resources.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class LeastPrivilegeTests(RabbitMqServer rabbit)
{
    [Fact]
    public async Task PostgresRolesAreRefusedOutsideTheirGrants()
    {
        var names = TestNames.Create();
        try
        {
            await using (var host = await AlertingHost.StartAsync(rabbit, names))
            {
                await Signals.SendAsync(rabbit, names.Input, Signals.Create("c1", "payment-ring", "critical"));
                await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 1, TimeSpan.FromSeconds(30));
            }

            // Inside the grants (positive control): the service role reads and writes rows, and deletes the
            // rows retention prunes (inbox, outbox, signals, alert_history).
            Assert.Equal(1, await ExecuteAsync(PostgresServer.ServiceConnectionString(), names.Schema, "INSERT INTO inbox (signal_id) VALUES ('manual')"));
            Assert.Equal(1, await ExecuteAsync(PostgresServer.ServiceConnectionString(), names.Schema, "DELETE FROM inbox WHERE signal_id = 'manual'"));
            Assert.Equal(1, await ExecuteAsync(PostgresServer.ReadOnlyConnectionString(), names.Schema, "SELECT 1 FROM alerts LIMIT 1"));

            // Outside: DDL, rewriting the audit (decisions) or history, deleting alerts or creators (never pruned).
            foreach (var sql in new[] { "DROP TABLE alerts", "ALTER TABLE alerts ADD COLUMN x int", "TRUNCATE signals", "DELETE FROM decisions", "UPDATE alert_history SET score = 0", "DELETE FROM alerts", "DELETE FROM creators", "CREATE TABLE sneaky (id int)" })
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(PostgresServer.ServiceConnectionString(), names.Schema, sql));
                Assert.True(refused.SqlState is "42501" or "42P01", $"{sql}: {refused.SqlState} {refused.MessageText}");
            }

            foreach (var sql in new[] { "INSERT INTO inbox (signal_id) VALUES ('ro')", "UPDATE alerts SET score = 0", "DELETE FROM signals" })
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(PostgresServer.ReadOnlyConnectionString(), names.Schema, sql));
                Assert.Equal("42501", refused.SqlState);
            }
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    [Fact]
    public async Task RabbitMqAlertingUserIsRefusedOutsideItsGrants()
    {
        var factory = new ConnectionFactory { HostName = rabbit.Host, UserName = "governance-alerting", Password = Env("GOVERNANCE_ALERTING_RABBITMQ_PASSWORD", "alerting-dev") };
        await using var connection = await factory.CreateConnectionAsync();

        // Inside (positive control): the exchange of its own output queue, declared as the service declares it.
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.ExchangeDeclareAsync("moderation.creator-alerts", ExchangeType.Fanout, durable: true, autoDelete: false);
        }

        // Outside: another service's exchange, a queue of its own invention, reading the signal worker's input.
        var attempts = new Func<IChannel, Task>[]
        {
            c => c.ExchangeDeclareAsync("governance.events", ExchangeType.Fanout, durable: true, autoDelete: false),
            c => c.QueueDeclareAsync("alerting-sneaky-" + Guid.NewGuid().ToString("N")[..6], durable: false, exclusive: false, autoDelete: true),
            c => c.BasicPublishAsync("Governance.Contracts:CreatorEvent", "", true, new BasicProperties(), ReadOnlyMemory<byte>.Empty).AsTask(),
            c => c.QueueDeleteAsync("governance.risk-signals-never"),
        };
        foreach (var attempt in attempts)
        {
            await using var channel = await connection.CreateChannelAsync();
            var refused = await Assert.ThrowsAnyAsync<OperationInterruptedException>(async () =>
            {
                await attempt(channel);
                // A refused publish closes the channel asynchronously: a round trip surfaces it.
                await channel.ExchangeDeclarePassiveAsync("moderation.creator-alerts");
            });
            Assert.Equal((ushort)403, refused.ShutdownReason!.ReplyCode);
        }
    }

    [Fact]
    public async Task RabbitMqUnknownCredentialsAreRefused()
    {
        var factory = new ConnectionFactory { HostName = rabbit.Host, UserName = "governance-alerting", Password = "not-the-password" };
        await Assert.ThrowsAsync<BrokerUnreachableException>(() => factory.CreateConnectionAsync());
    }

    private static async Task<int> ExecuteAsync(string connectionString, string schema, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + $";Search Path={schema}");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return sql.StartsWith("SELECT", StringComparison.Ordinal) ? (await command.ExecuteScalarAsync() is null ? 0 : 1) : await command.ExecuteNonQueryAsync();
    }

    private static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;
}
