using System.Globalization;
using System.Text;
using System.Text.Json;
using Governance.Contracts;
using Governance.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Governance.Alerting.IntegrationTests;

/// <summary>A message that can never be processed ends in the error queue, with its reason, after the retries.</summary>
[Collection(ServersCollection.Name)]
public sealed class PoisonTests(RabbitMqServer rabbit)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PoisonSignalGoesToTheErrorQueueAfterRetriesWithItsReason()
    {
        var names = TestNames.Create();
        try
        {
            await using var host = await AlertingHost.StartAsync(rabbit, names, new Dictionary<string, string?> { ["Alerting:RetryLimit"] = "3" });
            var poison = Signals.Create("c1", "payment-ring", "catastrophic");
            await Signals.SendAsync(rabbit, names.Input, poison, Signals.Create("c2", "payment-ring", "critical"));

            // Positive control: the good signal behind it still makes its alert.
            Assert.Single(await AlertQueue.TakeAsync(rabbit, names.Alerts, m => m.Count >= 1, Wait));
            var faulted = await TakeErrorAsync(names.Input + "_error", Wait);

            Assert.NotNull(faulted);
            var headers = faulted.BasicProperties.Headers!;
            Assert.Contains("catastrophic", Header(headers, "MT-Fault-Message"), StringComparison.Ordinal);
            Assert.Equal("3", Header(headers, "MT-Fault-RetryCount"));
            using var body = JsonDocument.Parse(faulted.Body);
            Assert.Equal(poison.SignalId, body.RootElement.GetProperty("message").GetProperty("signalId").GetString());
            Assert.Equal(0L, await Database.ScalarAsync<long>(names.Schema, "SELECT count(*) FROM signals WHERE creator_id = 'c1'"));
        }
        finally
        {
            await names.CleanUpAsync(rabbit);
        }
    }

    private async Task<BasicGetResult?> TakeErrorAsync(string queue, TimeSpan timeout)
    {
        await using var connection = await rabbit.Factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await channel.BasicGetAsync(queue, autoAck: true) is { } got)
                {
                    return got;
                }
            }
            catch (OperationInterruptedException)
            {
                // the error queue is declared with the first fault
                await channel.DisposeAsync();
                return await TakeErrorAsync(queue, deadline - DateTime.UtcNow);
            }

            await Task.Delay(100);
        }

        return null;
    }

    private static string Header(IDictionary<string, object?> headers, string name) =>
        headers.TryGetValue(name, out var value) ? value switch { byte[] b => Encoding.UTF8.GetString(b), _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" } : "";
}
