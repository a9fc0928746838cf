using System.Text.Json;
using Governance.Contracts;
using RabbitMQ.Client;

namespace Governance.Cli.Alerts;

/// <summary>
/// Puts a ModerationDecision on <c>moderation.decisions</c> as moderation tools do: a MassTransit JSON
/// envelope, persistent, confirmed by the broker. The alerting service records it and closes the alert.
/// </summary>
internal static class DecisionSender
{
    public static async Task SendAsync(ModerationDecision decision, string host, int port, string queue, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            HostName = host,
            Port = port,
            UserName = Environment.GetEnvironmentVariable("RabbitMq__Username") is { Length: > 0 } u ? u : "guest",
            Password = Environment.GetEnvironmentVariable("RabbitMq__Password") is { Length: > 0 } p ? p : "guest",
        };
        await using var connection = await factory.CreateConnectionAsync("governance-cli", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        var messageId = Guid.NewGuid().ToString();
        using var body = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("messageId", messageId);
            writer.WriteStartArray("messageType");
            writer.WriteStringValue("urn:message:Governance.Contracts:ModerationDecision");
            writer.WriteEndArray();
            writer.WriteString("sentTime", DateTimeOffset.UtcNow);
            writer.WritePropertyName("message");
            JsonSerializer.Serialize(writer, decision, GovernanceJsonContext.Default.ModerationDecision);
            writer.WriteEndObject();
        }

        var props = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = messageId };
        // To the queue's own exchange (MassTransit binds it to the queue), which is all the moderation
        // user may write to; mandatory: an unbound exchange is an error here, not a dropped decision.
        await channel.BasicPublishAsync(queue, "", mandatory: true, props, body.ToArray(), cancellationToken);
    }
}
