using System.Globalization;
using System.Text;
using System.Text.Json;
using Governance.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Governance.Alerting.IntegrationTests;

/// <summary>Reads a test's error queue.</summary>
internal static class ErrorQueue
{
    public static async Task<BasicGetResult?> TakeAsync(RabbitMqServer rabbit, string queue, TimeSpan timeout)
    {
        await using var connection = await rabbit.Factory.CreateConnectionAsync();
        var deadline = DateTime.UtcNow + timeout;
        do
        {
            await using var channel = await connection.CreateChannelAsync();
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
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return null;
    }

    public static string Header(BasicGetResult message, string name) =>
        message.BasicProperties.Headers is { } headers && headers.TryGetValue(name, out var value)
            ? value switch { byte[] b => Encoding.UTF8.GetString(b), _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" }
            : "";

    public static string? SignalId(BasicGetResult message)
    {
        using var body = JsonDocument.Parse(message.Body);
        return body.RootElement.GetProperty("message").GetProperty("signalId").GetString();
    }
}
